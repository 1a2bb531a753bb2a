// duly::channels::chat::ChatChannel: the "chat" channel, a colleague message posted to a Slack or
// Microsoft Teams incoming webhook.
//
// Promise: OutboundMessage::to is the webhook URL (http or https); StartSend POSTs ChatPayload
// (chat_flavor.h) as application/json over the shared HttpClient and returns:
//   - a receipt "<flavor>:<message id>" in state kDelivered on 2xx (a webhook posts into the
//     channel at once and gives no id), except a Teams 200 whose body says "Webhook message
//     delivery failed" (Teams' way of passing on its own 429): kTransient;
//   - kTransient on 408, 429 and 5xx, with the Retry-After header's delta seconds when given;
//   - kPermanent on every other status, with the webhook's answer ("no_service",
//     "channel_is_archived", "invalid_payload") in the reason: the hook is gone or refuses
//     this message; and for a `to` that is not an http(s) URL, without sending;
//   - kUnknownOutcome when the request may have left without an answer, kTransient when it
//     certainly did not.
// Webhooks cannot be asked about a post: Status and Cancel report kDelivered; Reconcile is
// Channel's default (cannot look up). Send blocks; StartSend's `done` runs on the HTTP client's
// transfer thread. Thread-safety: all methods may be called from any number of threads at once.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "channels/channel.h"
#include "channels/chat/chat_config.h"
#include "channels/http/http_client.h"

namespace duly::channels::chat {

class ChatChannel final : public Channel {
 public:
  // REQUIRES: client is not null.
  ChatChannel(ChatConfig config, std::shared_ptr<http::HttpClient> client);

  std::string_view name() const override { return "chat"; }
  SendOutcome Send(const OutboundMessage& message) override;
  void StartSend(const OutboundMessage& message, SendDone done) override;
  StatusOutcome Status(const std::string& provider_id) override;
  StatusOutcome Cancel(const std::string& provider_id) override;

 private:
  ChatConfig config_;
  std::shared_ptr<http::HttpClient> client_;
};

}  // namespace duly::channels::chat
