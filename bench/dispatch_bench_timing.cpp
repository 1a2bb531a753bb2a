#include "bench/dispatch_bench_timing.h"

#include <ctime>

namespace duly::bench {

CallClock::Mark CallClock::Now() {
  timespec cpu{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
  return {std::chrono::steady_clock::now(),
          std::chrono::seconds(cpu.tv_sec) + std::chrono::nanoseconds(cpu.tv_nsec)};
}

void CallClock::Add(const char* name, const Mark& start) {
  const Mark end = Now();
  std::lock_guard lock(mutex_);
  auto found = tallies_.find(name);
  if (found == tallies_.end()) found = tallies_.emplace(name, CallTally{}).first;
  CallTally& tally = found->second;
  ++tally.calls;
  tally.wall += std::chrono::duration_cast<std::chrono::nanoseconds>(end.wall - start.wall);
  tally.cpu += end.cpu - start.cpu;
}

CallTallies CallClock::Snapshot() const {
  std::lock_guard lock(mutex_);
  return tallies_;
}

Result<std::vector<OutboxMessage>> TimedOutbox::LeaseDueMessages(Instant now, int limit,
                                                                 const std::string& owner,
                                                                 std::chrono::milliseconds lease) {
  return clock_.Time("outbox.LeaseDueMessages",
                     [&] { return inner_.LeaseDueMessages(now, limit, owner, lease); });
}

Result<std::optional<Instant>> TimedOutbox::NextMessageDue() {
  return clock_.Time("outbox.NextMessageDue", [&] { return inner_.NextMessageDue(); });
}

Status TimedOutbox::MarkMessageSent(std::int64_t id, const std::string& owner,
                                    const std::string& provider_id) {
  return clock_.Time("outbox.MarkMessageSent",
                     [&] { return inner_.MarkMessageSent(id, owner, provider_id); });
}

Result<std::vector<Status>> TimedOutbox::SettleMessages(
    const std::vector<MessageSettlement>& settlements, const std::string& owner) {
  return clock_.Time("outbox.SettleMessages",
                     [&] { return inner_.SettleMessages(settlements, owner); });
}

Status TimedOutbox::MarkMessageFailed(std::int64_t id, const std::string& owner, bool permanent,
                                      Instant retry_at, const std::string& error) {
  return clock_.Time("outbox.MarkMessageFailed", [&] {
    return inner_.MarkMessageFailed(id, owner, permanent, retry_at, error);
  });
}

Status TimedOutbox::MarkMessageFallback(std::int64_t id, const std::string& owner,
                                        const std::string& channel, const std::string& error) {
  return clock_.Time("outbox.MarkMessageFallback",
                     [&] { return inner_.MarkMessageFallback(id, owner, channel, error); });
}

Status TimedOutbox::MarkMessageUnknown(std::int64_t id, const std::string& owner,
                                       Instant attempted_at, Instant reconcile_at,
                                       const std::string& error) {
  return clock_.Time("outbox.MarkMessageUnknown", [&] {
    return inner_.MarkMessageUnknown(id, owner, attempted_at, reconcile_at, error);
  });
}

Status TimedOutbox::MarkMessageCanceled(std::int64_t id, const std::string& owner,
                                        const std::string& reason) {
  return clock_.Time("outbox.MarkMessageCanceled",
                     [&] { return inner_.MarkMessageCanceled(id, owner, reason); });
}

Status TimedOutbox::RecordDeliveryStatus(const std::string& provider_id, MessageDelivery delivery,
                                         const std::string& error_code) {
  return clock_.Time("outbox.RecordDeliveryStatus", [&] {
    return inner_.RecordDeliveryStatus(provider_id, delivery, error_code);
  });
}

Result<std::vector<OutboxRecord>> TimedOutbox::ListCustomerMessages(const std::string& customer,
                                                                    int limit) {
  return clock_.Time("outbox.ListCustomerMessages",
                     [&] { return inner_.ListCustomerMessages(customer, limit); });
}

Result<channels::OutboundMessage> TimedComposer::Compose(const OutboxMessage& row) {
  return clock_.Time("composer.Compose", [&] { return inner_.Compose(row); });
}

}  // namespace duly::bench
