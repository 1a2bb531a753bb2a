// duly::channels::DelayedChannel: a FakeChannel behind a provider's asynchronous answer, for the
// dispatcher's concurrency tests (an HTTP provider that answers `delay` after the request).
//
// Promise: StartSend returns at once and, `delay` later, on the channel's own timer thread,
// hands the message to the inner FakeChannel (its scripted failures apply) and calls `done` with
// the outcome; with a zero delay it answers on the calling thread. Send answers synchronously.
// Reconcile looks, as Twilio's "list Messages by To and date" does, for a message the inner
// channel accepted with the same recipient and body: the receipt when found, kNotFound when not,
// or the failure scripted with FailReconcile. in_flight() and most_in_flight() count sends
// started and not yet answered.
// Thread-safety: all methods may be called concurrently. The destructor drops answers still
// pending: destroy it only after every send was answered.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>

#include "channels/channel.h"
#include "channels/dispatch/thread_send_timer.h"
#include "channels/testing/fake_channel.h"
#include "workflows/clock.h"

namespace duly::channels {

class DelayedChannel final : public Channel {
 public:
  DelayedChannel(FakeChannel& inner, std::chrono::milliseconds delay);

  std::string_view name() const override { return inner_.name(); }
  SendOutcome Send(const OutboundMessage& message) override { return inner_.Send(message); }
  StatusOutcome Status(const std::string& provider_id) override {
    return inner_.Status(provider_id);
  }
  StatusOutcome Cancel(const std::string& provider_id) override {
    return inner_.Cancel(provider_id);
  }
  void StartSend(const OutboundMessage& message, SendDone done) override;
  ReconcileOutcome Reconcile(const OutboundMessage& message, Instant attempted_at) override;

  void FailReconcile(SendFailure failure);
  std::int64_t in_flight() const { return in_flight_.load(); }
  std::int64_t most_in_flight() const { return most_in_flight_.load(); }
  std::int64_t reconciles() const { return reconciles_.load(); }

 private:
  FakeChannel& inner_;
  const std::chrono::milliseconds delay_;
  std::atomic<std::int64_t> in_flight_{0};
  std::atomic<std::int64_t> most_in_flight_{0};
  std::atomic<std::int64_t> reconciles_{0};
  std::mutex mutex_;  // guards reconcile_failure_
  std::optional<SendFailure> reconcile_failure_;
  SystemClock clock_;
  ThreadSendTimer answers_;  // last: its thread stops first
};

}  // namespace duly::channels
