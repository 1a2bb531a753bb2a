// POST /v1/webhooks/mollie: Mollie tells us a payment changed. Its body is a form with only the
// payment's id ("id=tr_..."); nothing in it is trusted: ApiContext::mollie_payment_changed asks
// Mollie's API for the payment (with our API key) and posts it when paid.
//
// A public route (Mollie holds no bearer token and signs nothing). Answers: 200 (empty body)
// once the id was looked up, whether Mollie knows it or not, so the answer tells a caller
// nothing about our payments (Mollie's advice); 400 naming "/id" for a body without an id, with
// a malformed %-escape or an id that is not "tr_" + letters and digits; 503 when the function is
// not configured (no mollie.api_key) or Mollie or the database cannot be reached now, so Mollie
// retries the webhook later.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "daemon/api/api_request.h"
#include "daemon/api/api_response.h"
#include "daemon/api/resource_routes.h"
#include "daemon/http/error_response.h"
#include "daemon/http/request_target.h"

namespace duly::daemon {
namespace {

// The last "id" field of an application/x-www-form-urlencoded body; "" when there is none.
Result<std::string> FormId(std::string_view body) {
  std::string id;
  while (!body.empty()) {
    const std::size_t end = body.find('&');
    const std::string_view pair = body.substr(0, end);
    body = end == std::string_view::npos ? std::string_view() : body.substr(end + 1);
    const std::size_t equals = pair.find('=');
    std::optional<std::string> key = PercentDecode(pair.substr(0, equals), true);
    std::optional<std::string> value = PercentDecode(
        equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1), true);
    if (!key || !value) {
      return FieldInvalid("/id", "the form body has a malformed %-escape near \"" +
                                     std::string(pair.substr(0, 40)) + "\"");
    }
    if (*key == "id") id = std::move(*value);
  }
  return id;
}

HttpResponse Handle(const ApiContext& context, const SchemaValidator& schema,
                    const RouteContext& route) {
  if (!context.mollie_payment_changed) {
    return ErrorResponse(
        Unavailable("the Mollie webhook is off: set mollie.api_key (or $DULY_MOLLIE_API_KEY)"));
  }
  Result<std::string> id = FormId(route.request.body);
  if (!id) return ErrorResponse(id.error());
  if (id->empty()) {
    return ErrorResponse(FieldInvalid("/id", "the body names no payment: Mollie sends id=tr_..."));
  }
  if (Status valid = schema.Validate(nlohmann::json{{"id", *id}}); !valid) {
    return ErrorResponse(valid.error());
  }
  Status changed = context.mollie_payment_changed(*id);
  if (!changed) {
    const Error& error = changed.error();
    if (error.code != ErrorCode::kInvalidArgument) {
      spdlog::warn("mollie webhook for {}: {}", id->substr(0, 40), error.message);
    }
    if (error.code == ErrorCode::kInvalidArgument || error.code == ErrorCode::kUnavailable) {
      return ErrorResponse(error);
    }
    // Anything else is ours to fix: Mollie retries meanwhile.
    return ErrorResponse(Unavailable("cannot process Mollie payment " + id->substr(0, 40) +
                                     " now: " + error.message));
  }
  HttpResponse response;
  response.content_type = "text/plain";
  return response;
}

}  // namespace

void AddMollieWebhookRoutes(Router& router, const SharedApiContext& context) {
  // Public: Mollie sends no credentials; the id is only a reason to ask Mollie's API.
  auto schema =
      std::make_shared<const SchemaValidator>(LoadSchemaOrDie("mollie_webhook.schema.json"));
  router.Add("POST", "/v1/webhooks/mollie", {}, [context, schema](const RouteContext& route) {
    return Handle(*context, *schema, route);
  });
}

}  // namespace duly::daemon
