// duly::channels::MemoryOutbox: an OutboxStore in memory, for the dispatcher's tests (and the
// dispatch loop's), following outbox_store.h's lifecycle row for row.
//
// Promise: Add queues a pending row; LeaseDueMessages, NextMessageDue, the Mark* methods and
// RecordDeliveryStatus behave as outbox_store.h says (owner and state checked: kConflict when the
// row is not leased by the caller, kNotFound for an unknown id), except that invoices are not
// re-checked at lease time (the tests' composer plays the settled invoice). Every write records
// one event line ("message.sent 3 sms-1") readable with events(). StealLease plays another node
// taking a row whose lease expired; FailNextWrites / FailNextLeases / FailNextSettles make the
// next Mark* / LeaseDueMessages / SettleMessages calls fail with the given error.
// Thread-safety: every method is safe from many threads at once (mutex_).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "workflows/clock.h"
#include "workflows/engine/outbox_store.h"

namespace duly::channels {

class MemoryOutbox final : public OutboxStore {
 public:
  explicit MemoryOutbox(const Clock& clock) : clock_(clock) {}

  // Queues `message` as pending (id assigned when 0, due at its due_at). Returns the id.
  std::int64_t Add(OutboxMessage message);
  // REQUIRES: the row exists.
  OutboxRecord Get(std::int64_t id) const;
  std::vector<std::string> events() const;
  std::int64_t CountInState(const std::string& state) const;
  void StealLease(std::int64_t id, const std::string& owner);
  void FailNextWrites(int count, Error error);
  void FailNextLeases(int count, Error error);
  // The next `count` SettleMessages calls fail as a whole (a failed transaction: nothing
  // recorded).
  void FailNextSettles(int count, Error error);
  // The number of settlements of each SettleMessages call that got through, in order.
  std::vector<std::size_t> settle_batches() const;

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
  // Each settlement as its Mark* (FailNextWrites counts them one by one), unless
  // FailNextSettles refuses the whole call.
  Result<std::vector<Status>> SettleMessages(const std::vector<MessageSettlement>& settlements,
                                             const std::string& owner) override;
  Status RecordDeliveryStatus(const std::string& provider_id, MessageDelivery delivery,
                              const std::string& error_code) override;
  Result<std::vector<OutboxRecord>> ListCustomerMessages(const std::string& customer,
                                                         int limit) override;

 private:
  struct Row {
    OutboxRecord record;
    std::string owner;
    Instant lease_until{};
  };
  // The row leased by `owner`, or the error a Mark* returns. REQUIRES: mutex_ held.
  Result<Row*> Leased(std::int64_t id, const std::string& owner);

  const Clock& clock_;
  mutable std::mutex mutex_;  // guards the members below
  std::map<std::int64_t, Row> rows_;
  std::int64_t next_id_ = 1;
  std::vector<std::string> events_;
  int failing_writes_ = 0;
  Error write_error_;
  int failing_leases_ = 0;
  Error lease_error_;
  int failing_settles_ = 0;
  Error settle_error_;
  std::vector<std::size_t> settle_batches_;
};

}  // namespace duly::channels
