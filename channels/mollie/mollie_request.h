// duly::channels::mollie::NewMolliePayment and the HTTP requests MollieClient sends.
//
// Promise: CreatePaymentRequest builds POST {base_url}/v2/payments with "Authorization: Bearer
// <api_key>", a JSON body {amount {currency, value "123.45"}, description, redirectUrl,
// webhookUrl (only when configured), metadata {invoices [...], customer}} and, when given, an
// Idempotency-Key header (Mollie answers a repeated key with the payment it already made, so a
// retry after a timeout does not make a second payment). GetPaymentRequest builds GET
// {base_url}/v2/payments/{id}. Both refuse what Mollie would refuse or what would make a wrong
// URL, with kInvalidArgument naming the field: an empty api_key ("/api_key"), a base_url that is
// not http(s) ("/base_url"), an empty redirect_url ("/redirect_url"), an amount not above zero
// ("/amount"), a currency that is not ISO 4217 ("/currency"), an empty description
// ("/description"), no invoices ("/invoices"), a payment id that is not "tr_" + letters and
// digits ("/id"). Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "channels/http/http_request.h"
#include "channels/mollie/mollie_config.h"
#include "workflows/money.h"
#include "workflows/status.h"

namespace duly::channels::mollie {

struct NewMolliePayment {
  Money amount;
  std::string currency = "EUR";
  std::string description;            // shown to the customer; at most 255 characters are kept
  std::vector<std::string> invoices;  // metadata.invoices, in allocation order
  std::string customer;               // metadata.customer
  std::string idempotency_key;        // empty: none
};

// The JSON body of POST /v2/payments.
std::string CreatePaymentBody(const MollieConfig& config, const NewMolliePayment& payment);

Result<http::HttpRequest> CreatePaymentRequest(const MollieConfig& config,
                                               const NewMolliePayment& payment);
Result<http::HttpRequest> GetPaymentRequest(const MollieConfig& config,
                                            const std::string& payment_id);

// True for "tr_" followed by one or more ASCII letters and digits.
bool IsMolliePaymentId(const std::string& id);

}  // namespace duly::channels::mollie
