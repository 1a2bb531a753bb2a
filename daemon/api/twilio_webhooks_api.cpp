// POST /v1/webhooks/twilio/status and POST /v1/webhooks/twilio/inbound: what Twilio tells us
// about the messages and calls we sent, and the messages customers send us.
//
// Both are public routes (Twilio holds no bearer token): each request must carry an
// X-Twilio-Signature that signs the public URL (channels.public_url + the request target as
// received) and the form parameters with channels.twilio.auth_token; a missing or forged one is
// 403 and nothing is read or written. Known but unwanted input (an unknown message SID, a number
// no customer has, a status we do not track) answers 200 and is logged, so Twilio does not retry
// it forever.
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include "channels/twilio/inbound_keyword.h"
#include "channels/twilio/request_signature.h"
#include "channels/twilio/voice_script.h"
#include "daemon/api/api_request.h"
#include "daemon/api/api_response.h"
#include "daemon/api/resource_routes.h"
#include "daemon/http/request_target.h"
#include "workflows/customer.h"

namespace duly::daemon {
namespace {

using channels::twilio::FormParam;

constexpr const char* kEmptyTwiml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

HttpResponse TwimlOk() {
  HttpResponse response;
  response.content_type = "text/xml";
  response.body = kEmptyTwiml;
  return response;
}

// The fields of an application/x-www-form-urlencoded body, in arrival order.
Result<std::vector<FormParam>> ParseForm(const std::string& body) {
  std::vector<FormParam> params;
  std::size_t start = 0;
  while (start <= body.size() && !body.empty()) {
    std::size_t end = body.find('&', start);
    if (end == std::string::npos) end = body.size();
    const std::string_view pair(body.data() + start, end - start);
    if (!pair.empty()) {
      const std::size_t equals = pair.find('=');
      auto key = PercentDecode(pair.substr(0, equals), true);
      auto value = PercentDecode(
          equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1), true);
      if (!key || !value) {
        return FieldInvalid("", "the form body has a malformed %-escape near \"" +
                                    std::string(pair.substr(0, 40)) + "\"");
      }
      params.emplace_back(std::move(*key), std::move(*value));
    }
    start = end + 1;
  }
  return params;
}

// The form as a JSON object of strings (the last of a repeated field wins) for the schema.
nlohmann::json FormJson(const std::vector<FormParam>& params) {
  nlohmann::json object = nlohmann::json::object();
  for (const auto& [key, value] : params) object[key] = value;
  return object;
}

// Checks configuration, parses the form, verifies the signature and the schema. Errors: 503
// naming the missing config field, 400 for a body that is not a form, 403 for a bad signature,
// 400 naming the field for a signed body that lacks what the schema requires.
Result<nlohmann::json> SignedForm(const ApiContext& context, const RouteContext& route,
                                  const SchemaValidator& schema) {
  if (context.twilio_auth_token.empty()) {
    return Unavailable(
        "Twilio webhooks are off: set channels.twilio.auth_token (or $DULY_TWILIO_AUTH_TOKEN) "
        "so their X-Twilio-Signature can be verified");
  }
  if (context.public_url.empty()) {
    return Unavailable(
        "Twilio webhooks are off: set channels.public_url to the URL Twilio reaches dulyd at, "
        "which their X-Twilio-Signature signs");
  }
  Result<std::vector<FormParam>> params = ParseForm(route.request.body);
  if (!params) return std::move(params).error();
  std::string base = context.public_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  const std::string url = base + route.request.target;
  const std::string& signature = route.request.Header("x-twilio-signature");
  if (signature.empty() ||
      !channels::twilio::VerifyFormRequest(context.twilio_auth_token, url, *params, signature)) {
    spdlog::warn("twilio webhook {}: {} X-Twilio-Signature, refused", route.request.target,
                 signature.empty() ? "no" : "a forged");
    return Error{ErrorCode::kPermissionDenied,
                 signature.empty() ? "the request has no X-Twilio-Signature"
                                   : "the X-Twilio-Signature does not sign this request",
                 {}};
  }
  nlohmann::json form = FormJson(*params);
  if (Status valid = schema.Validate(form); !valid) return std::move(valid).error();
  return form;
}

// A message status as the outbox knows it; nullopt for statuses it does not track (inbound
// "receiving"/"received").
std::optional<MessageDelivery> MessageDeliveryOf(const std::string& status) {
  if (status == "queued" || status == "accepted" || status == "scheduled" || status == "sending") {
    return MessageDelivery::kAccepted;
  }
  if (status == "sent") return MessageDelivery::kSent;
  if (status == "delivered" || status == "partially_delivered") {
    return MessageDelivery::kDelivered;
  }
  if (status == "read") return MessageDelivery::kRead;
  if (status == "failed" || status == "undelivered") return MessageDelivery::kFailed;
  if (status == "canceled") return MessageDelivery::kCanceled;
  return std::nullopt;
}

// A call's status: answered and ended is delivered; busy, no answer and failed are failures.
std::optional<MessageDelivery> CallDeliveryOf(const std::string& status) {
  if (status == "queued" || status == "initiated" || status == "ringing") {
    return MessageDelivery::kAccepted;
  }
  if (status == "in-progress") return MessageDelivery::kSent;
  if (status == "completed") return MessageDelivery::kDelivered;
  if (status == "busy" || status == "no-answer" || status == "failed") {
    return MessageDelivery::kFailed;
  }
  if (status == "canceled") return MessageDelivery::kCanceled;
  return std::nullopt;
}

std::string Field(const nlohmann::json& form, const char* name) {
  return form.contains(name) ? form[name].get<std::string>() : std::string();
}

HttpResponse HandleStatus(const ApiContext& context, const nlohmann::json& form) {
  const bool is_call = !form.contains("MessageSid");
  const std::string sid = Field(form, is_call ? "CallSid" : "MessageSid");
  const std::string status = Field(form, is_call ? "CallStatus" : "MessageStatus");
  const std::optional<MessageDelivery> delivery =
      is_call ? CallDeliveryOf(status) : MessageDeliveryOf(status);
  if (!delivery) {
    spdlog::info("twilio status callback for {}: status \"{}\" is not tracked, ignored", sid,
                 status);
    return TwimlOk();
  }
  std::string error_code = Field(form, "ErrorCode");
  // A call that rang out or was busy carries no ErrorCode; its status says why.
  if (is_call && error_code.empty() && *delivery == MessageDelivery::kFailed) error_code = status;
  if (context.outbox == nullptr) {
    return ErrorResponse(Unavailable("the outbox is not wired into the API"));
  }
  Status recorded = context.outbox->RecordDeliveryStatus(sid, *delivery, error_code);
  if (!recorded) {
    if (recorded.error().code == ErrorCode::kNotFound) {
      spdlog::warn("twilio status callback for unknown {} {} ({}): ignored",
                   is_call ? "call" : "message", sid, status);
      return TwimlOk();
    }
    return ErrorResponse(recorded.error());
  }
  return TwimlOk();
}

HttpResponse HandleInbound(const ApiContext& context, const nlohmann::json& form) {
  std::string from = Field(form, "From");
  std::string channel = "sms";
  if (from.starts_with("whatsapp:")) {
    channel = "whatsapp";
    from.erase(0, 9);
  }
  const std::string body = Field(form, "Body");
  const std::string sid = Field(form, "MessageSid");
  if (!IsE164(from)) {
    spdlog::warn("twilio inbound {} from \"{}\": not an E.164 number, ignored", sid, from);
    return TwimlOk();
  }
  const Actor actor{"twilio"};
  const channels::twilio::InboundKeyword keyword = channels::twilio::ClassifyInbound(body);
  using channels::twilio::InboundIntent;
  if (keyword.intent == InboundIntent::kOptOut || keyword.intent == InboundIntent::kOptIn) {
    Result<std::vector<std::string>> customers = context.store.FindCustomersByPhone(from);
    if (!customers) return ErrorResponse(customers.error());
    if (customers->empty()) {
      spdlog::warn("twilio inbound {} ({}) from {}: no customer has that number, ignored", sid,
                   keyword.keyword, from);
    }
    for (const std::string& customer : *customers) {
      Status changed = keyword.intent == InboundIntent::kOptOut
                           ? context.store.RecordOptOut(customer, channel, actor)
                           : context.store.RecordOptIn(customer, channel, actor);
      if (!changed) return ErrorResponse(changed.error());
    }
    return TwimlOk();
  }
  // HELP is a question for a person too: Twilio answers its own help text, we open a task.
  if (context.tasks == nullptr) {
    return ErrorResponse(Unavailable("the work list is not wired into the API"));
  }
  auto replied = context.tasks->RecordReply(from, channel, body, sid, actor);
  if (!replied) {
    if (replied.error().code == ErrorCode::kNotFound) {
      spdlog::warn("twilio inbound {} from {}: no customer has that number, ignored", sid, from);
      return TwimlOk();
    }
    return ErrorResponse(replied.error());
  }
  return TwimlOk();
}

}  // namespace

void AddTwilioWebhookRoutes(Router& router, const SharedApiContext& context) {
  auto status_schema = std::make_shared<const SchemaValidator>(
      LoadSchemaOrDie("twilio_status_callback.schema.json"));
  auto inbound_schema = std::make_shared<const SchemaValidator>(
      LoadSchemaOrDie("twilio_inbound_message.schema.json"));
  // Public: Twilio authenticates with X-Twilio-Signature, not a bearer token.
  router.Add("POST", "/v1/webhooks/twilio/status", {},
             [context, status_schema](const RouteContext& route) {
               Result<nlohmann::json> form = SignedForm(*context, route, *status_schema);
               if (!form) return ErrorResponse(form.error());
               return HandleStatus(*context, *form);
             });
  auto menu_schema =
      std::make_shared<const SchemaValidator>(LoadSchemaOrDie("twilio_voice_menu.schema.json"));
  router.Add("POST", "/v1/webhooks/twilio/voice-menu", {},
             [context, menu_schema](const RouteContext& route) {
               if (context->twilio_collector_number.empty()) {
                 return ErrorResponse(
                     Unavailable("the voice menu is off: set channels.twilio.collector_number"));
               }
               Result<nlohmann::json> form = SignedForm(*context, route, *menu_schema);
               if (!form) return ErrorResponse(form.error());
               const auto asked = route.request.query.find("language");
               const std::string language =
                   asked == route.request.query.end() ? "en" : asked->second;
               HttpResponse response;
               response.content_type = "text/xml";
               response.body = channels::twilio::VoiceMenuAnswerTwiml(
                   Field(*form, "Digits"), language, context->twilio_collector_number);
               return response;
             });
  router.Add("POST", "/v1/webhooks/twilio/inbound", {},
             [context, inbound_schema](const RouteContext& route) {
               Result<nlohmann::json> form = SignedForm(*context, route, *inbound_schema);
               if (!form) return ErrorResponse(form.error());
               return HandleInbound(*context, *form);
             });
}

}  // namespace duly::daemon
