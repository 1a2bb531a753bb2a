#include "channels/twilio/message_request.h"

#include <nlohmann/json.hpp>

namespace duly::channels::twilio {
namespace {

constexpr std::size_t kMaxBodyCharacters = 1600;   // Twilio's limit for Body
constexpr std::size_t kMaxTwimlCharacters = 4000;  // Twilio's limit for inline Twiml

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// "AC" + 32 hex digits and the like.
bool IsSid(std::string_view sid, std::string_view prefix) {
  if (sid.size() != 34 || sid.substr(0, 2) != prefix) return false;
  for (const char c : sid.substr(2)) {
    if (!IsHex(c)) return false;
  }
  return true;
}

// "+" then 2 to 15 digits, the first not 0 (E.164).
bool IsE164(std::string_view number) {
  if (number.size() < 3 || number.size() > 16 || number[0] != '+' || number[1] == '0') {
    return false;
  }
  for (const char c : number.substr(1)) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool IsHttpUrl(std::string_view url) {
  return url.substr(0, 8) == "https://" || url.substr(0, 7) == "http://";
}

std::size_t CodePoints(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::string AccountPath(const TwilioSender& sender, std::string_view resource) {
  return "/2010-04-01/Accounts/" + sender.account_sid + "/" + std::string(resource);
}

Status CheckCommon(const OutboundMessage& message, const TwilioSender& sender) {
  if (!IsSid(sender.account_sid, "AC")) {
    return FieldInvalid("/sender/account_sid", "must be \"AC\" followed by 32 hex digits");
  }
  if (!IsE164(message.to)) {
    return FieldInvalid("/to", "\"" + message.to + "\" is not an E.164 number (+ and digits)");
  }
  if (!sender.status_callback_url.empty() && !IsHttpUrl(sender.status_callback_url)) {
    return FieldInvalid("/sender/status_callback_url", "must be an absolute http(s) URL");
  }
  return Status::Ok();
}

void AddStatusCallback(const TwilioSender& sender, FormRequest& request) {
  if (!sender.status_callback_url.empty()) {
    request.fields.emplace_back("StatusCallback", sender.status_callback_url);
  }
}

Status AddBody(const OutboundMessage& message, FormRequest& request) {
  if (message.text.empty()) return FieldInvalid("/text", "the message has no text to send");
  if (CodePoints(message.text) > kMaxBodyCharacters) {
    return FieldInvalid("/text", "longer than Twilio's 1,600 characters");
  }
  request.fields.emplace_back("Body", message.text);
  return Status::Ok();
}

}  // namespace

std::string FormUrlEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
        (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' || byte == '_' || byte == '~') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0x0F]);
    }
  }
  return out;
}

std::string FormRequest::Body() const {
  std::string body;
  for (const auto& [key, value] : fields) {
    if (!body.empty()) body.push_back('&');
    body.append(FormUrlEncode(key)).append("=").append(FormUrlEncode(value));
  }
  return body;
}

Result<FormRequest> BuildMessageRequest(
    const OutboundMessage& message, const TwilioSender& sender,
    const std::optional<ContentTemplate>& outside_window_template) {
  if (message.channel != "sms" && message.channel != "whatsapp") {
    return FieldInvalid("/channel",
                        "Twilio Messages sends sms or whatsapp, not \"" + message.channel + "\"");
  }
  if (Status common = CheckCommon(message, sender); !common) return std::move(common).error();
  const bool whatsapp = message.channel == "whatsapp";
  FormRequest request{AccountPath(sender, "Messages.json"), {}};
  request.fields.emplace_back("To", whatsapp ? "whatsapp:" + message.to : message.to);
  if (whatsapp && !sender.whatsapp_from.empty()) {
    if (!IsE164(sender.whatsapp_from)) {
      return FieldInvalid("/sender/whatsapp_from", "must be an E.164 number");
    }
    request.fields.emplace_back("From", "whatsapp:" + sender.whatsapp_from);
  } else if (!sender.messaging_service_sid.empty()) {
    if (!IsSid(sender.messaging_service_sid, "MG")) {
      return FieldInvalid("/sender/messaging_service_sid",
                          "must be \"MG\" followed by 32 hex digits");
    }
    request.fields.emplace_back("MessagingServiceSid", sender.messaging_service_sid);
  } else if (!whatsapp && !sender.sms_from.empty()) {
    request.fields.emplace_back("From", sender.sms_from);
  } else {
    return FieldInvalid(whatsapp ? "/sender/whatsapp_from" : "/sender/sms_from",
                        "no sender configured (a number or a Messaging Service)");
  }
  if (whatsapp && outside_window_template) {
    if (!IsSid(outside_window_template->content_sid, "HX")) {
      return FieldInvalid("/template/content_sid", "must be \"HX\" followed by 32 hex digits");
    }
    nlohmann::json variables = nlohmann::json::object();
    for (const auto& [key, value] : outside_window_template->variables) variables[key] = value;
    request.fields.emplace_back("ContentSid", outside_window_template->content_sid);
    request.fields.emplace_back("ContentVariables", variables.dump());
  } else {
    if (outside_window_template) {
      return FieldInvalid("/template", "Content templates are for WhatsApp only");
    }
    if (Status body = AddBody(message, request); !body) return std::move(body).error();
  }
  AddStatusCallback(sender, request);
  return request;
}

Result<FormRequest> BuildCallRequest(const OutboundMessage& message, const TwilioSender& sender,
                                     const CallScript& script) {
  if (message.channel != "voice") {
    return FieldInvalid("/channel",
                        "Twilio Calls places voice calls, not \"" + message.channel + "\"");
  }
  if (Status common = CheckCommon(message, sender); !common) return std::move(common).error();
  if (!IsE164(sender.voice_from)) {
    return FieldInvalid("/sender/voice_from", "must be an E.164 caller ID");
  }
  if (script.twiml.empty() == script.url.empty()) {
    return FieldInvalid("/script", "give exactly one of inline TwiML or a TwiML URL");
  }
  FormRequest request{AccountPath(sender, "Calls.json"), {}};
  request.fields.emplace_back("To", message.to);
  request.fields.emplace_back("From", sender.voice_from);
  if (!script.twiml.empty()) {
    if (CodePoints(script.twiml) > kMaxTwimlCharacters) {
      return FieldInvalid("/script/twiml", "longer than Twilio's 4,000 characters");
    }
    request.fields.emplace_back("Twiml", script.twiml);
  } else {
    if (!IsHttpUrl(script.url)) {
      return FieldInvalid("/script/url", "must be an absolute http(s) URL");
    }
    request.fields.emplace_back("Url", script.url);
  }
  AddStatusCallback(sender, request);
  return request;
}

}  // namespace duly::channels::twilio
