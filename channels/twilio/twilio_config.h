// duly::channels::twilio::TwilioConfig: how the daemon reaches one Twilio account.
//
// Promise: plain configuration for TwilioChannel. `base_url` is Twilio's API host (tests point
// it at the validating mock or the fault proxy); the account SID and the senders come from
// TwilioSender (message_request.h), the auth token is the password of HTTP basic auth.
// WhatsApp (RULES.md §7.1): a business-initiated WhatsApp outside the 24-hour session window
// must go as an approved Content template. `whatsapp_session_open` says whether the customer's
// window is open for a message (unset: never, so every WhatsApp goes as a template);
// `template_id_of` names the template the message was rendered from (unset: ""), and
// `whatsapp_contents` maps (template id, language) to the approved ContentSid; an entry with an
// empty template id serves every template in its language.
// Voice: the call reads the message in the customer's language; when `voice_menu_url` is set it
// then offers "press 1" and Twilio posts the digit there (the daemon answers with
// VoiceMenuAnswerTwiml, voice_script.h, which dials `collector_number`).
// Thread-safety: plain data; the functions must be safe to call from any thread.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "channels/outbound_message.h"
#include "channels/twilio/message_request.h"

namespace duly::channels::twilio {

struct WhatsAppContent {
  std::string template_id;  // "first-reminder"; "" = any template
  std::string language;     // "nl", "fr", "en", "de"
  std::string content_sid;  // "HX" + 32 hex, approved by WhatsApp
};

struct TwilioConfig {
  std::string base_url = "https://api.twilio.com";
  std::string auth_token;
  TwilioSender sender;
  std::chrono::milliseconds request_timeout{15000};
  std::chrono::milliseconds connect_timeout{5000};

  std::vector<WhatsAppContent> whatsapp_contents;
  std::function<bool(const OutboundMessage&)> whatsapp_session_open;
  std::function<std::string(const OutboundMessage&)> template_id_of;

  std::string collector_number;  // E.164 the voice menu connects to
  std::string voice_menu_url;    // absolute URL of the daemon's Gather webhook; "" = no menu

  // Reconcile accepts a message Twilio dated up to this long before the attempt (clock skew
  // between the daemon and Twilio; Twilio's dates have whole seconds).
  std::chrono::seconds reconcile_clock_skew{60};
};

}  // namespace duly::channels::twilio
