#include "channels/dispatch/testdata/memory_outbox.h"

#include <algorithm>
#include <utility>

namespace duly::channels {
namespace {

int Rank(MessageDelivery delivery) {
  switch (delivery) {
    case MessageDelivery::kAccepted:
      return 0;
    case MessageDelivery::kSent:
      return 1;
    case MessageDelivery::kDelivered:
      return 2;
    case MessageDelivery::kRead:
      return 3;
    case MessageDelivery::kFailed:
    case MessageDelivery::kCanceled:
      return 4;
  }
  return 0;
}

}  // namespace

std::int64_t MemoryOutbox::Add(OutboxMessage message) {
  std::lock_guard lock(mutex_);
  if (message.id == 0) message.id = next_id_;
  next_id_ = std::max(next_id_, message.id + 1);
  const std::int64_t id = message.id;
  Row row;
  row.record.message = std::move(message);
  row.record.state = "pending";
  rows_[id] = std::move(row);
  return id;
}

OutboxRecord MemoryOutbox::Get(std::int64_t id) const {
  std::lock_guard lock(mutex_);
  const auto row = rows_.find(id);
  DULY_CHECK(row != rows_.end());
  return row->second.record;
}

std::vector<std::string> MemoryOutbox::events() const {
  std::lock_guard lock(mutex_);
  return events_;
}

std::int64_t MemoryOutbox::CountInState(const std::string& state) const {
  std::lock_guard lock(mutex_);
  return std::count_if(rows_.begin(), rows_.end(),
                       [&state](const auto& row) { return row.second.record.state == state; });
}

void MemoryOutbox::StealLease(std::int64_t id, const std::string& owner) {
  std::lock_guard lock(mutex_);
  Row& row = rows_.at(id);
  row.record.state = "leased";
  row.owner = owner;
}

void MemoryOutbox::FailNextWrites(int count, Error error) {
  std::lock_guard lock(mutex_);
  failing_writes_ = count;
  write_error_ = std::move(error);
}

void MemoryOutbox::FailNextSettles(int count, Error error) {
  std::lock_guard lock(mutex_);
  failing_settles_ = count;
  settle_error_ = std::move(error);
}

std::vector<std::size_t> MemoryOutbox::settle_batches() const {
  std::lock_guard lock(mutex_);
  return settle_batches_;
}

Result<std::vector<Status>> MemoryOutbox::SettleMessages(
    const std::vector<MessageSettlement>& settlements, const std::string& owner) {
  {
    std::lock_guard lock(mutex_);
    if (failing_settles_ > 0) {
      --failing_settles_;
      return settle_error_;
    }
    settle_batches_.push_back(settlements.size());
  }
  return OutboxStore::SettleMessages(settlements, owner);
}

void MemoryOutbox::FailNextLeases(int count, Error error) {
  std::lock_guard lock(mutex_);
  failing_leases_ = count;
  lease_error_ = std::move(error);
}

Result<std::vector<OutboxMessage>> MemoryOutbox::LeaseDueMessages(Instant now, int limit,
                                                                  const std::string& owner,
                                                                  std::chrono::milliseconds lease) {
  std::lock_guard lock(mutex_);
  if (failing_leases_ > 0) {
    --failing_leases_;
    return lease_error_;
  }
  std::vector<Row*> due;
  for (auto& [id, row] : rows_) {
    const std::string& state = row.record.state;
    if (((state == "pending" || state == "reconcile") && row.record.message.due_at <= now) ||
        (state == "leased" && row.lease_until <= now)) {
      due.push_back(&row);
    }
  }
  std::stable_sort(due.begin(), due.end(), [](const Row* a, const Row* b) {
    return a->record.message.due_at < b->record.message.due_at;
  });
  std::vector<OutboxMessage> leased;
  for (Row* row : due) {
    if (static_cast<int>(leased.size()) >= limit) break;
    if (row->record.state == "reconcile") row->record.message.needs_reconcile = true;
    row->record.state = "leased";
    row->owner = owner;
    row->lease_until = now + lease;
    leased.push_back(row->record.message);
  }
  return leased;
}

Result<std::optional<Instant>> MemoryOutbox::NextMessageDue() {
  std::lock_guard lock(mutex_);
  std::optional<Instant> next;
  for (const auto& [id, row] : rows_) {
    std::optional<Instant> at;
    if (row.record.state == "pending" || row.record.state == "reconcile") {
      at = row.record.message.due_at;
    } else if (row.record.state == "leased") {
      at = row.lease_until;
    }
    if (at && (!next || *at < *next)) next = at;
  }
  return next;
}

Result<MemoryOutbox::Row*> MemoryOutbox::Leased(std::int64_t id, const std::string& owner) {
  if (failing_writes_ > 0) {
    --failing_writes_;
    return write_error_;
  }
  const auto row = rows_.find(id);
  if (row == rows_.end()) return NotFound("no message " + std::to_string(id));
  if (row->second.record.state != "leased" || row->second.owner != owner) {
    return Conflict("message " + std::to_string(id) + " is not leased by " + owner);
  }
  return &row->second;
}

Status MemoryOutbox::MarkMessageSent(std::int64_t id, const std::string& owner,
                                     const std::string& provider_id) {
  std::lock_guard lock(mutex_);
  Result<Row*> row = Leased(id, owner);
  if (!row) return std::move(row).error();
  OutboxRecord& record = (*row)->record;
  record.state = "sent";
  record.message.provider_id = provider_id;
  record.message.needs_reconcile = false;
  record.delivery = MessageDelivery::kAccepted;
  record.sent_at = clock_.Now();
  events_.push_back("message.sent " + std::to_string(id) + " " + provider_id);
  return Status::Ok();
}

Status MemoryOutbox::MarkMessageFailed(std::int64_t id, const std::string& owner, bool permanent,
                                       Instant retry_at, const std::string& error) {
  std::lock_guard lock(mutex_);
  Result<Row*> row = Leased(id, owner);
  if (!row) return std::move(row).error();
  OutboxRecord& record = (*row)->record;
  record.state = permanent ? "failed" : "pending";
  record.message.attempt += 1;
  record.message.needs_reconcile = false;
  record.last_error = error;
  if (!permanent) record.message.due_at = retry_at;
  events_.push_back("message.failed " + std::to_string(id) +
                    (permanent ? " permanent: " : " transient: ") + error);
  return Status::Ok();
}

Status MemoryOutbox::MarkMessageFallback(std::int64_t id, const std::string& owner,
                                         const std::string& channel, const std::string& error) {
  std::lock_guard lock(mutex_);
  Result<Row*> row = Leased(id, owner);
  if (!row) return std::move(row).error();
  OutboxRecord& record = (*row)->record;
  std::vector<std::string>& fallbacks = record.message.fallbacks;
  if (fallbacks.empty() || fallbacks.front() != channel) {
    return FieldInvalid("/channel", channel + " is not the message's next fallback");
  }
  const std::string from = record.message.channel;
  fallbacks.erase(fallbacks.begin());
  record.message.channel = channel;
  record.message.due_at = clock_.Now();
  record.state = "pending";
  record.last_error = error;
  events_.push_back("message.fallback " + std::to_string(id) + " " + from + "->" + channel + ": " +
                    error);
  return Status::Ok();
}

Status MemoryOutbox::MarkMessageUnknown(std::int64_t id, const std::string& owner,
                                        Instant attempted_at, Instant reconcile_at,
                                        const std::string& error) {
  std::lock_guard lock(mutex_);
  Result<Row*> row = Leased(id, owner);
  if (!row) return std::move(row).error();
  OutboxRecord& record = (*row)->record;
  record.state = "reconcile";
  record.message.attempted_at = attempted_at;
  record.message.due_at = reconcile_at;
  record.message.needs_reconcile = true;
  record.last_error = error;
  events_.push_back("message.outcome_unknown " + std::to_string(id) + ": " + error);
  return Status::Ok();
}

Status MemoryOutbox::MarkMessageCanceled(std::int64_t id, const std::string& owner,
                                         const std::string& reason) {
  std::lock_guard lock(mutex_);
  Result<Row*> row = Leased(id, owner);
  if (!row) return std::move(row).error();
  (*row)->record.state = "canceled";
  events_.push_back("message.canceled " + std::to_string(id) + ": " + reason);
  return Status::Ok();
}

Status MemoryOutbox::RecordDeliveryStatus(const std::string& provider_id, MessageDelivery delivery,
                                          const std::string& error_code) {
  std::lock_guard lock(mutex_);
  for (auto& [id, row] : rows_) {
    if (row.record.message.provider_id != provider_id || row.record.state != "sent") continue;
    std::optional<MessageDelivery>& current = row.record.delivery;
    if (current && Rank(delivery) <= Rank(*current)) return Status::Ok();
    current = delivery;
    events_.push_back("message.delivery " + std::to_string(id) + " " +
                      MessageDeliveryName(delivery) + " " + error_code);
    return Status::Ok();
  }
  return NotFound("no message was sent as " + provider_id);
}

Result<std::vector<OutboxRecord>> MemoryOutbox::ListCustomerMessages(const std::string& customer,
                                                                     int limit) {
  std::lock_guard lock(mutex_);
  std::vector<OutboxRecord> records;
  for (auto row = rows_.rbegin(); row != rows_.rend(); ++row) {
    if (static_cast<int>(records.size()) >= limit) break;
    if (row->second.record.message.customer == customer) records.push_back(row->second.record);
  }
  return records;
}

}  // namespace duly::channels
