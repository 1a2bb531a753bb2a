#include "channels/chat/chat_channel.h"

#include <charconv>
#include <future>
#include <utility>

namespace duly::channels::chat {

namespace {

SendFailure Failure(FailureKind kind, std::string reason, std::string code = "") {
  return SendFailure{kind, std::move(reason), std::move(code), std::nullopt};
}

std::optional<std::chrono::seconds> RetryAfter(const http::HttpResponse& response) {
  const auto header = response.Header("Retry-After");
  if (!header) return std::nullopt;
  long long seconds = 0;  // NOLINT(google-runtime-int)
  const auto* end = header->data() + header->size();
  const auto [stop, error] = std::from_chars(header->data(), end, seconds);
  if (error != std::errc() || stop != end || seconds < 0) return std::nullopt;
  return std::chrono::seconds(seconds);
}

std::string Shortened(std::string text) {
  if (text.size() > 200) text.resize(200);
  return text;
}

SendOutcome Interpret(const http::HttpOutcome& outcome, ChatFlavor flavor,
                      const std::string& receipt_id) {
  const std::string who = flavor == ChatFlavor::kTeams ? "Teams webhook" : "Slack webhook";
  if (const auto* failure = std::get_if<http::HttpFailure>(&outcome)) {
    if (failure->may_have_left) {
      return Failure(
          FailureKind::kUnknownOutcome,
          who + " gave no answer after the request may have arrived: " + failure->reason);
    }
    return Failure(FailureKind::kTransient, who + " unreachable: " + failure->reason);
  }
  const auto& response = std::get<http::HttpResponse>(outcome);
  const std::string status = std::to_string(response.status);
  if (response.ok()) {
    if (flavor == ChatFlavor::kTeams &&
        response.body.find("Webhook message delivery failed") != std::string::npos) {
      return Failure(FailureKind::kTransient, who + ": " + Shortened(response.body), status);
    }
    return SendReceipt{receipt_id, DeliveryState::kDelivered};
  }
  const std::string reason = who + " answered " + status + ": " + Shortened(response.body);
  if (response.status == 408 || response.status == 429 || response.status >= 500) {
    SendFailure failure = Failure(FailureKind::kTransient, reason, status);
    failure.retry_after = RetryAfter(response);
    return failure;
  }
  return Failure(FailureKind::kPermanent, reason, status);
}

}  // namespace

ChatChannel::ChatChannel(ChatConfig config, std::shared_ptr<http::HttpClient> client)
    : config_(config), client_(std::move(client)) {}

void ChatChannel::StartSend(const OutboundMessage& message, SendDone done) {
  if (!message.to.starts_with("https://") && !message.to.starts_with("http://")) {
    done(Failure(FailureKind::kPermanent,
                 "chat webhook \"" + message.to + "\" is not an http(s) URL (/to)"));
    return;
  }
  const ChatFlavor flavor = ChatFlavorFor(message.to, config_.default_flavor);
  http::HttpRequest request = http::JsonPost(message.to, ChatPayload(flavor, message));
  request.timeout = config_.request_timeout;
  request.connect_timeout = config_.connect_timeout;
  std::string receipt_id = std::string(ChatFlavorName(flavor)) + ":" + std::to_string(message.id);
  client_->Start(std::move(request),
                 [done = std::move(done), flavor, receipt_id = std::move(receipt_id)](
                     http::HttpOutcome outcome) { done(Interpret(outcome, flavor, receipt_id)); });
}

SendOutcome ChatChannel::Send(const OutboundMessage& message) {
  auto promise = std::make_shared<std::promise<SendOutcome>>();
  auto outcome = promise->get_future();
  StartSend(message, [promise](SendOutcome result) { promise->set_value(std::move(result)); });
  return outcome.get();
}

StatusOutcome ChatChannel::Status(const std::string& /*provider_id*/) {
  return DeliveryState::kDelivered;
}

StatusOutcome ChatChannel::Cancel(const std::string& /*provider_id*/) {
  return DeliveryState::kDelivered;
}

}  // namespace duly::channels::chat
