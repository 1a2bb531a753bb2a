// duly::channels::Channel: the one interface every way of reaching a person sits behind.
//
// Promise: Send either hands the message to the provider and returns its receipt, or returns a
// SendFailure that says what the dispatcher may do next:
//   kTransient       nothing was delivered; retry later (after `retry_after` when the provider
//                    said so: HTTP 429/503 Retry-After)
//   kPermanent       this message can never go out on this channel (invalid or unsubscribed
//                    number, SMTP 5xx): fall back to the step's next channel, never retry
//   kUnknownOutcome  the request may have reached the provider (timeout or crash after sending):
//                    reconcile with the provider before any retry, never resend blindly
// Status asks the provider where a sent message is; Cancel withdraws one not yet delivered.
// StartSend is the same as Send without blocking the caller: `done` runs exactly once, on a
// thread of the channel's choosing (for HTTP channels the transfer thread; the default runs Send
// on the calling thread), and must not block. Channels that keep many requests in flight (Twilio,
// chat webhooks over a curl multi handle) override it; the dispatcher only calls StartSend.
// Reconcile answers, for a message whose earlier send had an unknown outcome, whether the
// provider has it after all: the receipt when found, kNotFound when the provider certainly does
// not (safe to send again), a SendFailure when it cannot tell (the default: kUnknownOutcome,
// "<channel> cannot look up sent messages"; the dispatcher then asks a person).
// Thread-safety: implementations are called from the dispatcher's threads and must be safe to
// call from several threads at once.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "channels/outbound_message.h"
#include "workflows/calendar_date.h"
#include "workflows/status.h"

namespace duly::channels {

// Where a message stands at the provider; never moves backwards (RULES.md §7.3).
enum class DeliveryState { kAccepted, kSent, kDelivered, kRead, kFailed, kCanceled };
const char* DeliveryStateName(DeliveryState state);  // "accepted", "sent", ...
// True for kDelivered, kRead, kFailed and kCanceled: nothing more will happen.
bool IsFinal(DeliveryState state);

struct SendReceipt {
  std::string provider_id;  // Twilio SID, SMTP Message-ID, print batch id, ...
  DeliveryState state = DeliveryState::kAccepted;
  friend bool operator==(const SendReceipt&, const SendReceipt&) = default;
};

enum class FailureKind { kTransient, kPermanent, kUnknownOutcome };
const char* FailureKindName(FailureKind kind);  // "transient", "permanent", "unknown_outcome"

struct SendFailure {
  FailureKind kind = FailureKind::kTransient;
  std::string reason;         // in words, with the provider's own text: "Twilio 21211: ..."
  std::string provider_code;  // "21211", "550", "" when none
  std::optional<std::chrono::seconds> retry_after;  // provider's hint, kTransient only
  friend bool operator==(const SendFailure&, const SendFailure&) = default;
};

using SendOutcome = std::variant<SendReceipt, SendFailure>;
using StatusOutcome = std::variant<DeliveryState, SendFailure>;

class Channel {
 public:
  virtual ~Channel() = default;
  virtual std::string_view name() const = 0;  // "sms", "email", ...
  virtual SendOutcome Send(const OutboundMessage& message) = 0;
  virtual StatusOutcome Status(const std::string& provider_id) = 0;
  // Returns the state after the attempt: kCanceled when withdrawn, else where it stands.
  virtual StatusOutcome Cancel(const std::string& provider_id) = 0;

  using SendDone = std::function<void(SendOutcome)>;
  virtual void StartSend(const OutboundMessage& message, SendDone done);

  // `attempted_at`: when the unknown attempt was made (look for messages to message.to from then
  // on, and match the body).
  using ReconcileOutcome = std::variant<SendReceipt, SendFailure, duly::Status>;
  virtual ReconcileOutcome Reconcile(const OutboundMessage& message, Instant attempted_at);
};

}  // namespace duly::channels
