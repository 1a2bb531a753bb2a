// duly::channels::mollie::MollieFailure: what a failed Mollie API call means, and its
// classification.
//
// Promise: ClassifyMollieOutcome turns the transport's outcome of one API call that did not
// succeed into a MollieFailure:
//   - 401 (a wrong or revoked API key), 403, 404 (no such payment), 422 (Mollie refused a field:
//     `field` is Mollie's problem+json `field`, e.g. "amount.value", and the reason quotes its
//     `detail`) and every other 4xx are kPermanent: the same request would be refused again;
//   - 429 and every 5xx are kTransient: retry later;
//   - a transport failure where no byte left (DNS, connection refused) is kTransient, one where
//     the request may have reached Mollie (a timeout, a dropped connection) is kUnknown: a
//     POST may have made a payment (retry with the same Idempotency-Key), a GET can be retried.
// Mollie's error body is {"status", "title", "detail", "field"?, "_links"}; a body that is not
// that JSON (a proxy's page) is kept, shortened, in the reason. ToError maps a failure onto
// duly's codes: 401 kUnauthenticated, 404 kNotFound, other permanent kInvalidArgument (with the
// field as "/amount/value" when Mollie named one), transient and unknown kUnavailable.
// Pure; thread-safe.
#pragma once

#include <string>

#include "channels/http/http_client.h"
#include "workflows/status.h"

namespace duly::channels::mollie {

enum class MollieFailureKind { kPermanent, kTransient, kUnknown };
const char* MollieFailureKindName(MollieFailureKind kind);  // "permanent", "transient", "unknown"

struct MollieFailure {
  MollieFailureKind kind = MollieFailureKind::kPermanent;
  std::string reason;    // "Mollie 422 Unprocessable Entity: The 'description' field is missing"
  std::string field;     // Mollie's `field` ("description", "amount.value"); empty when none
  long http_status = 0;  // NOLINT(google-runtime-int): 0 for a transport failure
};

// `outcome` is an answer that is not 2xx, or a transport failure.
MollieFailure ClassifyMollieOutcome(const http::HttpOutcome& outcome);

Error ToError(const MollieFailure& failure);

}  // namespace duly::channels::mollie
