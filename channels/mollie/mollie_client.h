// duly::channels::mollie::MollieClient: Mollie's Payments API (create a payment, get a payment)
// over the shared libcurl transport.
//
// Promise: CreatePayment sends POST /v2/payments (mollie_request.h) and returns the payment
// Mollie made (status "open" and its checkout URL); GetPayment sends GET /v2/payments/{id} and
// returns the payment as Mollie has it now. A request duly refuses to build (bad config or
// input) is a kPermanent failure naming the field; an answer other than 2xx is classified by
// ClassifyMollieOutcome; a 2xx answer that is not a payment object (mollie_payment.h) is
// kUnknown for a create (Mollie may have made the payment) and kTransient for a get, naming the
// missing field. Both block until Mollie answers or config.request_timeout passes.
// Thread-safety: safe from many threads at once; the HttpClient is shared and must not be
// called from its own `done` callbacks (REQUIRES: not called on the transfer thread).
#pragma once

#include <memory>
#include <string>
#include <variant>

#include "channels/http/http_client.h"
#include "channels/mollie/mollie_config.h"
#include "channels/mollie/mollie_failure.h"
#include "channels/mollie/mollie_payment.h"
#include "channels/mollie/mollie_request.h"

namespace duly::channels::mollie {

using MollieAnswer = std::variant<MolliePayment, MollieFailure>;

class MollieClient {
 public:
  MollieClient(MollieConfig config, std::shared_ptr<http::HttpClient> client);

  MollieAnswer CreatePayment(const NewMolliePayment& payment) const;
  MollieAnswer GetPayment(const std::string& payment_id) const;

  const MollieConfig& config() const { return config_; }

 private:
  MollieAnswer Send(Result<http::HttpRequest> request, MollieFailureKind unreadable) const;

  const MollieConfig config_;
  const std::shared_ptr<http::HttpClient> client_;
};

}  // namespace duly::channels::mollie
