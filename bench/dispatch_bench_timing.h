// Where duly_dispatch_bench's time goes: an OutboxStore and a MessageComposer that pass every call
// through to the real ones and add up how long each kind of call took.
//
// Promise: TimedOutbox and TimedComposer forward each call unchanged (same arguments, same
// result) and count it under its name: calls, wall time and the calling thread's CPU time
// (CLOCK_THREAD_CPUTIME_ID), so store waits (fsync, the SQLite writer lock, the connection
// pool) show as wall time without CPU. Snapshot() copies the tallies, by call name.
// Thread-safety: every method may be called from any number of threads at once (the tallies are
// guarded by a mutex); the wrapped objects must allow the same.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "channels/message_composer.h"
#include "workflows/engine/outbox_store.h"

namespace duly::bench {

struct CallTally {
  std::int64_t calls = 0;
  std::chrono::nanoseconds wall{0};
  std::chrono::nanoseconds cpu{0};
};

using CallTallies = std::map<std::string, CallTally, std::less<>>;

// Adds up calls by name; shared by the decorators below.
class CallClock {
 public:
  // Runs `call`, adding its wall and thread CPU time under `name`.
  template <typename Call>
  auto Time(const char* name, Call&& call) {
    const Mark start = Now();
    auto result = call();
    Add(name, start);
    return result;
  }
  CallTallies Snapshot() const;

 private:
  struct Mark {
    std::chrono::steady_clock::time_point wall;
    std::chrono::nanoseconds cpu;
  };
  static Mark Now();
  void Add(const char* name, const Mark& start);

  mutable std::mutex mutex_;  // guards tallies_
  CallTallies tallies_;
};

class TimedOutbox final : public OutboxStore {
 public:
  TimedOutbox(OutboxStore& inner, CallClock& clock) : inner_(inner), clock_(clock) {}
  Result<std::vector<OutboxMessage>> LeaseDueMessages(Instant now, int limit,
                                                      const std::string& owner,
                                                      std::chrono::milliseconds lease) override;
  Result<std::optional<Instant>> NextMessageDue() override;
  Status MarkMessageSent(std::int64_t id, const std::string& owner,
                         const std::string& provider_id) override;
  Status MarkMessageFailed(std::int64_t id, const std::string& owner, bool permanent,
                           Instant retry_at, const std::string& error) override;
  Status MarkMessageFallback(std::int64_t id, const std::string& owner, const std::string& channel,
                             const std::string& error) override;
  Status MarkMessageUnknown(std::int64_t id, const std::string& owner, Instant attempted_at,
                            Instant reconcile_at, const std::string& error) override;
  Status MarkMessageCanceled(std::int64_t id, const std::string& owner,
                             const std::string& reason) override;
  Result<std::vector<Status>> SettleMessages(const std::vector<MessageSettlement>& settlements,
                                             const std::string& owner) override;
  Status RecordDeliveryStatus(const std::string& provider_id, MessageDelivery delivery,
                              const std::string& error_code) override;
  Result<std::vector<OutboxRecord>> ListCustomerMessages(const std::string& customer,
                                                         int limit) override;

 private:
  OutboxStore& inner_;
  CallClock& clock_;
};

class TimedComposer final : public channels::MessageComposer {
 public:
  TimedComposer(channels::MessageComposer& inner, CallClock& clock)
      : inner_(inner), clock_(clock) {}
  Result<channels::OutboundMessage> Compose(const OutboxMessage& row) override;

 private:
  channels::MessageComposer& inner_;
  CallClock& clock_;
};

}  // namespace duly::bench
