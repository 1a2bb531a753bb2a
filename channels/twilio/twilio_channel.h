// duly::channels::twilio::TwilioChannel: SMS, WhatsApp and voice calls through Twilio's REST API.
//
// Promise: one instance serves one channel name ("sms", "whatsapp" or "voice"); instances share
// one HttpClient (connection reuse across channels). StartSend POSTs the form of
// BuildMessageRequest (sms, whatsapp) or BuildCallRequest (voice, inline TwiML from
// VoiceReminderTwiml) to config.base_url with basic auth (account SID, auth token) and returns:
//   - the receipt (sid, status mapped by MessageState/CallState; kAccepted when unknown) on 2xx;
//   - ClassifyTwilioError's failure on any other status (21211/21610/21614 permanent, 429/503
//     transient with Retry-After, 5xx transient, other 4xx permanent with Twilio's code and
//     message);
//   - kUnknownOutcome when the request may have left without an answer (timeout, dropped
//     connection) or a 2xx carried no sid; kTransient when it certainly did not leave;
//   - kPermanent, naming the field, when the message cannot become a valid request (no E.164
//     number, no sender), and for a WhatsApp outside the session window with no approved
//     ContentSid for its template and language (RULES.md §7.1).
// WhatsApp outside the window goes as ContentSid with ContentVariables {"1": message.text}: the
// approved template per (template id, language) has one variable carrying the rendered text.
// Status GETs .../Messages/{Sid}.json or .../Calls/{Sid}.json (CA... sids); Cancel POSTs
// Status=canceled there (Twilio cancels only scheduled messages and queued or ringing calls;
// when it refuses, Cancel reports where the message stands). Reconcile (sms, whatsapp) lists
// .../Messages.json?To=..&DateSent>=YYYY-MM-DD (all pages) and returns the receipt of a message
// to the same number with the same body (any body for a template send) dated at or after
// `attempted_at` (less config.reconcile_clock_skew), NotFound when there is none; voice uses
// Channel's default. Status/Cancel/Reconcile failures without an answer are kTransient (a GET is
// safe to repeat). Send, Status, Cancel and Reconcile block; StartSend does not, and its `done`
// runs on the HTTP client's transfer thread.
// Thread-safety: all methods may be called from any number of threads at once.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "channels/channel.h"
#include "channels/http/http_client.h"
#include "channels/twilio/twilio_config.h"

namespace duly::channels::twilio {

class TwilioChannel final : public Channel {
 public:
  // REQUIRES: channel_name is "sms", "whatsapp" or "voice"; client is not null.
  TwilioChannel(std::string channel_name, TwilioConfig config,
                std::shared_ptr<http::HttpClient> client);

  std::string_view name() const override { return name_; }
  SendOutcome Send(const OutboundMessage& message) override;
  void StartSend(const OutboundMessage& message, SendDone done) override;
  StatusOutcome Status(const std::string& provider_id) override;
  StatusOutcome Cancel(const std::string& provider_id) override;
  ReconcileOutcome Reconcile(const OutboundMessage& message, Instant attempted_at) override;

  // The Content template a WhatsApp message goes as: std::nullopt inside the session window;
  // an Error (kFailedPrecondition-like policy error) when outside it and none is configured.
  Result<std::optional<ContentTemplate>> WhatsAppTemplateFor(const OutboundMessage& message) const;

 private:
  Result<FormRequest> RequestFor(const OutboundMessage& message) const;
  http::HttpRequest Authorized(http::HttpRequest request) const;
  std::string ResourceUrl(const std::string& provider_id) const;
  std::optional<DeliveryState> StateOf(const std::string& provider_id,
                                       std::string_view status) const;

  std::string name_;
  TwilioConfig config_;
  std::shared_ptr<http::HttpClient> client_;
};

}  // namespace duly::channels::twilio
