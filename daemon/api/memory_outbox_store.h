// MemoryOutboxStore: an in-memory OutboxStore for the API tests until SociStore implements the
// extended OutboxStore (then api_test_fixture.h points ApiContext::outbox at the SociStore and
// this file goes).
//
// Promise: follows workflows/engine/outbox_store.h for rows seeded with Seed(): the lease and
// Mark* lifecycle (owner checks, kConflict for a row not leased by the owner, kNotFound for an
// unknown id, attempt and last_error bookkeeping), RecordDeliveryStatus that never moves a
// delivery backwards (accepted < sent < delivered < read; failed and canceled are final) and
// answers kNotFound for an unknown provider id, and ListCustomerMessages newest first (highest
// id first). It does not re-check invoices when leasing (the engine's store does): the API
// never leases. Events go to Events() as "type id detail" lines. Test-only; thread-safe.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "workflows/clock.h"
#include "workflows/engine/outbox_store.h"

namespace duly::daemon {

class MemoryOutboxStore : public OutboxStore {
 public:
  explicit MemoryOutboxStore(const Clock& clock) : clock_(clock) {}

  // Stores `record` (its message.id is assigned) and returns the id.
  std::int64_t Seed(OutboxRecord record) {
    std::lock_guard lock(mutex_);
    record.message.id = next_id_++;
    rows_[record.message.id] = Row{std::move(record), "", {}};
    return next_id_ - 1;
  }
  std::vector<std::string> Events() const {
    std::lock_guard lock(mutex_);
    return events_;
  }

  Result<std::vector<OutboxMessage>> LeaseDueMessages(Instant now, int limit,
                                                      const std::string& owner,
                                                      std::chrono::milliseconds lease) override {
    std::lock_guard lock(mutex_);
    std::vector<OutboxMessage> leased;
    for (auto& [id, row] : rows_) {
      if (static_cast<int>(leased.size()) >= limit) break;
      const std::string& state = row.record.state;
      const bool due =
          (state == "pending" || state == "reconcile") && row.record.message.due_at <= now;
      const bool expired = state == "leased" && row.lease_until <= now;
      if (!due && !expired) continue;
      row.record.message.needs_reconcile =
          state == "reconcile" || row.record.message.needs_reconcile;
      row.record.state = "leased";
      row.owner = owner;
      row.lease_until = now + lease;
      leased.push_back(row.record.message);
    }
    return leased;
  }

  Result<std::optional<Instant>> NextMessageDue() override {
    std::lock_guard lock(mutex_);
    std::optional<Instant> next;
    for (const auto& [id, row] : rows_) {
      std::optional<Instant> at;
      if (row.record.state == "pending" || row.record.state == "reconcile") {
        at = row.record.message.due_at;
      }
      if (row.record.state == "leased") at = row.lease_until;
      if (at && (!next || *at < *next)) next = at;
    }
    return next;
  }

  Status MarkMessageSent(std::int64_t id, const std::string& owner,
                         const std::string& provider_id) override {
    std::lock_guard lock(mutex_);
    Result<Row*> row = Leased(id, owner);
    if (!row) return std::move(row).error();
    (*row)->record.state = "sent";
    (*row)->record.message.provider_id = provider_id;
    (*row)->record.sent_at = clock_.Now();
    events_.push_back("message.sent " + std::to_string(id) + " " + provider_id);
    return Status::Ok();
  }

  Status MarkMessageFailed(std::int64_t id, const std::string& owner, bool permanent,
                           Instant retry_at, const std::string& error) override {
    std::lock_guard lock(mutex_);
    Result<Row*> row = Leased(id, owner);
    if (!row) return std::move(row).error();
    OutboxRecord& record = (*row)->record;
    record.state = permanent ? "failed" : "pending";
    record.message.due_at = retry_at;
    ++record.message.attempt;
    record.last_error = error;
    events_.push_back("message.failed " + std::to_string(id) + " " + error);
    return Status::Ok();
  }

  Status MarkMessageFallback(std::int64_t id, const std::string& owner, const std::string& channel,
                             const std::string& error) override {
    std::lock_guard lock(mutex_);
    Result<Row*> row = Leased(id, owner);
    if (!row) return std::move(row).error();
    OutboxMessage& message = (*row)->record.message;
    if (message.fallbacks.empty() || message.fallbacks.front() != channel) {
      return FieldInvalid("/channel", channel + " is not the row's next fallback");
    }
    message.fallbacks.erase(message.fallbacks.begin());
    events_.push_back("message.fallback " + std::to_string(id) + " " + message.channel + " " +
                      channel + " " + error);
    message.channel = channel;
    ++message.attempt;
    (*row)->record.state = "pending";
    (*row)->record.last_error = error;
    return Status::Ok();
  }

  Status MarkMessageUnknown(std::int64_t id, const std::string& owner, Instant attempted_at,
                            Instant reconcile_at, const std::string& error) override {
    std::lock_guard lock(mutex_);
    Result<Row*> row = Leased(id, owner);
    if (!row) return std::move(row).error();
    OutboxRecord& record = (*row)->record;
    record.state = "reconcile";
    record.message.attempted_at = attempted_at;
    record.message.due_at = reconcile_at;
    record.last_error = error;
    events_.push_back("message.outcome_unknown " + std::to_string(id) + " " + error);
    return Status::Ok();
  }

  Status MarkMessageCanceled(std::int64_t id, const std::string& owner,
                             const std::string& reason) override {
    std::lock_guard lock(mutex_);
    Result<Row*> row = Leased(id, owner);
    if (!row) return std::move(row).error();
    (*row)->record.state = "canceled";
    events_.push_back("message.canceled " + std::to_string(id) + " " + reason);
    return Status::Ok();
  }

  Status RecordDeliveryStatus(const std::string& provider_id, MessageDelivery delivery,
                              const std::string& error_code) override {
    std::lock_guard lock(mutex_);
    for (auto& [id, row] : rows_) {
      if (row.record.message.provider_id != provider_id || provider_id.empty()) continue;
      std::optional<MessageDelivery>& current = row.record.delivery;
      if (current && (IsFinal(*current) || Rank(delivery) <= Rank(*current))) return Status::Ok();
      current = delivery;
      events_.push_back("message.delivery " + std::to_string(id) + " " +
                        MessageDeliveryName(delivery) + " " + error_code);
      return Status::Ok();
    }
    return NotFound("no message has the provider id " + provider_id);
  }

  Result<std::vector<OutboxRecord>> ListCustomerMessages(const std::string& customer,
                                                         int limit) override {
    std::lock_guard lock(mutex_);
    std::vector<OutboxRecord> records;
    for (auto it = rows_.rbegin(); it != rows_.rend(); ++it) {
      if (static_cast<int>(records.size()) >= limit) break;
      if (it->second.record.message.customer == customer) records.push_back(it->second.record);
    }
    return records;
  }

 private:
  struct Row {
    OutboxRecord record;
    std::string owner;
    Instant lease_until{};
  };

  static bool IsFinal(MessageDelivery delivery) {
    return delivery == MessageDelivery::kFailed || delivery == MessageDelivery::kCanceled;
  }
  // Failed and canceled outrank every progress state: they end the row.
  static int Rank(MessageDelivery delivery) { return static_cast<int>(delivery); }

  Result<Row*> Leased(std::int64_t id, const std::string& owner) {
    auto found = rows_.find(id);
    if (found == rows_.end()) return NotFound("message " + std::to_string(id) + " does not exist");
    if (found->second.record.state != "leased" || found->second.owner != owner) {
      return Conflict("message " + std::to_string(id) + " is not leased by " + owner);
    }
    return &found->second;
  }

  const Clock& clock_;
  mutable std::mutex mutex_;
  std::int64_t next_id_ = 1;
  std::map<std::int64_t, Row> rows_;
  std::vector<std::string> events_;
};

}  // namespace duly::daemon
