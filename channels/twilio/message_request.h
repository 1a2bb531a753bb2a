// The form-encoded requests the daemon POSTs to Twilio's 2010-04-01 REST API: a message (SMS or
// WhatsApp) to /Accounts/{AccountSid}/Messages.json and a voice call to .../Calls.json.
//
// Promise: BuildMessageRequest and BuildCallRequest either return a request whose fields are all
// declared by Twilio's OpenAPI document (checked in message_request_test.cpp) with the required
// ones present, or an Error naming the field at fault as a JSON pointer into the message or the
// sender ("/to", "/sender/account_sid"). Every request carries StatusCallback when the sender has
// a callback URL.
//   SMS:      To, From (or MessagingServiceSid when the sender has one), Body, StatusCallback.
//   WhatsApp: To and From as "whatsapp:+<E.164>". Inside the 24-hour session window (no
//             template given) the text goes as Body. Outside it (RULES.md §7.1) pass the
//             approved template: ContentSid (HX...) and ContentVariables (a JSON object string)
//             are sent and Body is not.
//   Voice:    To, From, Twiml (inline, at most 4,000 characters) or Url, StatusCallback.
// FormRequest::Body() is application/x-www-form-urlencoded: fields in the order built, UTF-8
// bytes, every byte except ALPHA DIGIT - . _ ~ written as %XX (upper-case hex). A space is
// written %20, never '+', so a '+' in an E.164 number always arrives as %2B.
// Thread-safety: pure functions over plain data; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "channels/outbound_message.h"
#include "channels/twilio/request_signature.h"
#include "workflows/status.h"

namespace duly::channels::twilio {

// One Twilio account and the senders the daemon uses on it (configuration).
struct TwilioSender {
  std::string account_sid;            // "AC" + 32 hex
  std::string sms_from;               // E.164 number or alphanumeric sender ID
  std::string messaging_service_sid;  // "MG" + 32 hex; replaces sms_from for SMS when set
  std::string whatsapp_from;          // E.164 of the WhatsApp sender, without "whatsapp:"
  std::string voice_from;             // E.164 caller ID for calls
  std::string status_callback_url;    // absolute http(s) URL of the daemon's status webhook
};

// An approved WhatsApp Content template and its variables, for outside the session window.
struct ContentTemplate {
  std::string content_sid;                                     // "HX" + 32 hex
  std::vector<std::pair<std::string, std::string>> variables;  // {"1","Jan"}, {"2","€ 125,00"}
};

// What a call plays: inline TwiML or the URL Twilio fetches it from; exactly one is set.
struct CallScript {
  std::string twiml;
  std::string url;
};

struct FormRequest {
  std::string path;  // "/2010-04-01/Accounts/AC.../Messages.json"
  std::vector<FormParam> fields;
  std::string Body() const;  // application/x-www-form-urlencoded
};

// `outside_window_template`: set for business-initiated WhatsApp outside the 24-hour window.
Result<FormRequest> BuildMessageRequest(
    const OutboundMessage& message, const TwilioSender& sender,
    const std::optional<ContentTemplate>& outside_window_template = std::nullopt);

Result<FormRequest> BuildCallRequest(const OutboundMessage& message, const TwilioSender& sender,
                                     const CallScript& script);

// Percent-encodes one key or value as described above.
std::string FormUrlEncode(std::string_view text);

}  // namespace duly::channels::twilio
