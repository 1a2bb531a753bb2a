#include "channels/mollie/mollie_request.h"

#include <cctype>
#include <utility>

#include <nlohmann/json.hpp>

#include "channels/mollie/mollie_payment.h"

namespace duly::channels::mollie {
namespace {

std::string BaseUrl(const MollieConfig& config) {
  std::string base = config.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

Status CheckConfig(const MollieConfig& config) {
  if (config.api_key.empty()) return FieldInvalid("/api_key", "the Mollie API key is empty");
  if (!config.base_url.starts_with("https://") && !config.base_url.starts_with("http://")) {
    return FieldInvalid("/base_url", "\"" + config.base_url + "\" is not an http(s) URL");
  }
  return Status::Ok();
}

http::HttpRequest Authorised(const MollieConfig& config, http::HttpRequest request) {
  request.headers.emplace_back("Authorization", "Bearer " + config.api_key);
  request.headers.emplace_back("Accept", "application/hal+json");
  request.timeout = config.request_timeout;
  if (request.connect_timeout > request.timeout) request.connect_timeout = request.timeout;
  return request;
}

}  // namespace

bool IsMolliePaymentId(const std::string& id) {
  if (id.size() < 4 || !id.starts_with("tr_")) return false;
  for (std::size_t i = 3; i < id.size(); ++i) {
    if (std::isalnum(static_cast<unsigned char>(id[i])) == 0) return false;
  }
  return true;
}

std::string CreatePaymentBody(const MollieConfig& config, const NewMolliePayment& payment) {
  nlohmann::json body = {
      {"amount", {{"currency", payment.currency}, {"value", FormatMollieAmount(payment.amount)}}},
      {"description", payment.description},
      {"redirectUrl", config.redirect_url},
      {"metadata", {{"invoices", payment.invoices}, {"customer", payment.customer}}},
  };
  if (!config.webhook_url.empty()) body["webhookUrl"] = config.webhook_url;
  return body.dump();
}

Result<http::HttpRequest> CreatePaymentRequest(const MollieConfig& config,
                                               const NewMolliePayment& payment) {
  if (Status valid = CheckConfig(config); !valid) return std::move(valid).error();
  if (config.redirect_url.empty()) {
    return FieldInvalid("/redirect_url", "Mollie needs a redirect URL for a payment");
  }
  std::vector<FieldError> errors;
  if (payment.amount.cents() <= 0) errors.push_back({"/amount", "must be more than zero"});
  if (!IsCurrencyCode(payment.currency)) {
    errors.push_back({"/currency", "\"" + payment.currency + "\" is not an ISO 4217 code"});
  }
  if (payment.description.empty()) errors.push_back({"/description", "is empty"});
  if (payment.invoices.empty()) errors.push_back({"/invoices", "names no invoice"});
  if (!errors.empty()) {
    // The message first: the order in which arguments are evaluated is unspecified.
    std::string message =
        "cannot ask Mollie for a payment: " + errors.front().field + " " + errors.front().message;
    return InvalidArgument(std::move(message), std::move(errors));
  }
  http::HttpRequest request =
      http::JsonPost(BaseUrl(config) + "/v2/payments", CreatePaymentBody(config, payment));
  if (!payment.idempotency_key.empty()) {
    request.headers.emplace_back("Idempotency-Key", payment.idempotency_key);
  }
  return Authorised(config, std::move(request));
}

Result<http::HttpRequest> GetPaymentRequest(const MollieConfig& config,
                                            const std::string& payment_id) {
  if (Status valid = CheckConfig(config); !valid) return std::move(valid).error();
  if (!IsMolliePaymentId(payment_id)) {
    return FieldInvalid("/id", "\"" + payment_id.substr(0, 40) +
                                   "\" is not a Mollie payment id (tr_ and letters and digits)");
  }
  http::HttpRequest request;
  request.method = "GET";
  request.url = BaseUrl(config) + "/v2/payments/" + payment_id;
  return Authorised(config, std::move(request));
}

}  // namespace duly::channels::mollie
