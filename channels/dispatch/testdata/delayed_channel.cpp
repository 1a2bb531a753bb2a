#include "channels/dispatch/testdata/delayed_channel.h"

#include <algorithm>
#include <memory>
#include <utility>

namespace duly::channels {

DelayedChannel::DelayedChannel(FakeChannel& inner, std::chrono::milliseconds delay)
    : inner_(inner), delay_(delay), answers_(clock_) {}

void DelayedChannel::StartSend(const OutboundMessage& message, SendDone done) {
  const std::int64_t now_in_flight = ++in_flight_;
  std::int64_t most = most_in_flight_.load();
  while (now_in_flight > most && !most_in_flight_.compare_exchange_weak(most, now_in_flight)) {
  }
  if (delay_ <= std::chrono::milliseconds::zero()) {
    SendOutcome outcome = inner_.Send(message);
    --in_flight_;
    done(std::move(outcome));
    return;
  }
  auto request = std::make_shared<OutboundMessage>(message);
  answers_.RunAt(clock_.Now() + delay_, [this, request, done = std::move(done)] {
    SendOutcome outcome = inner_.Send(*request);
    --in_flight_;
    done(std::move(outcome));
  });
}

Channel::ReconcileOutcome DelayedChannel::Reconcile(const OutboundMessage& message,
                                                    Instant /*attempted_at*/) {
  ++reconciles_;
  {
    std::lock_guard lock(mutex_);
    if (reconcile_failure_) return *reconcile_failure_;
  }
  for (const auto& [provider_id, sent] : inner_.sent()) {
    if (sent.to == message.to && sent.text == message.text) {
      return SendReceipt{provider_id, DeliveryState::kAccepted};
    }
  }
  return duly::Status(NotFound("no message to " + message.to + " since the attempt"));
}

void DelayedChannel::FailReconcile(SendFailure failure) {
  std::lock_guard lock(mutex_);
  reconcile_failure_ = std::move(failure);
}

}  // namespace duly::channels
