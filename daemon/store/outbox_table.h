// duly::daemon::OutboxTable: what became of the messages leased to a dispatcher, the providers'
// delivery reports, and reading rows back (leasing itself: outbox_lease.h).
//
// Promise: the Mark* methods act only on a row still leased by `owner` (kConflict otherwise,
// kNotFound for an unknown id), end its lease and append one event on the customer's history:
// MarkSent -> sent with the provider's id ("message.sent"); MarkFailed -> failed, or pending
// again at retry_at, attempt + 1 ("message.failed"); MarkFallback -> pending now on the first
// fallback channel, which is removed from the list, attempt + 1 (kInvalidArgument "/channel"
// when `channel` is not that first fallback; "message.fallback" {outbox, from, to, error});
// MarkUnknown -> reconcile until reconcile_at with needs_reconcile set and attempted_at kept at
// the earliest unknown attempt, attempt + 1 ("message.outcome_unknown"); MarkCanceled ->
// canceled ("message.canceled"). A known outcome (sent, failed, fallback) clears the reconcile
// marks. RecordDelivery() moves a sent row's delivery forward only (accepted < sent < delivered
// < read; failed and canceled are final and replace any non-final state) and appends
// "message.delivery" {outbox, channel, provider_id, delivery, error_code}; a repeat or a step
// back writes nothing (index outbox_provider). Runs inside the caller's transaction; throws
// soci_error. Thread-safety: one instance per transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "daemon/store/database_url.h"
#include "daemon/store/history_chain.h"
#include "workflows/engine/outbox_store.h"

namespace duly::daemon {

class OutboxTable {
 public:
  OutboxTable(soci::session& session, DatabaseKind kind) : session_(session), kind_(kind) {}

  Status MarkSent(std::int64_t id, const std::string& owner, const std::string& provider_id,
                  HistoryChain& chain);
  Status MarkFailed(std::int64_t id, const std::string& owner, bool permanent, Instant retry_at,
                    const std::string& error, HistoryChain& chain);
  Status MarkFallback(std::int64_t id, const std::string& owner, const std::string& channel,
                      const std::string& error, HistoryChain& chain);
  Status MarkUnknown(std::int64_t id, const std::string& owner, Instant attempted_at,
                     Instant reconcile_at, const std::string& error, HistoryChain& chain);
  Status MarkCanceled(std::int64_t id, const std::string& owner, const std::string& reason,
                      HistoryChain& chain);
  Status RecordDelivery(const std::string& provider_id, MessageDelivery delivery,
                        const std::string& error_code, HistoryChain& chain);

  // The earliest moment a row becomes leasable (due pending/reconcile rows, ends of leases).
  std::optional<Instant> NextDue();
  // A customer's messages (recipient kind customer), newest first (index outbox_customer).
  std::vector<OutboxRecord> ListForCustomer(const std::string& customer, int limit);

 private:
  // The row `owner` holds (locked FOR UPDATE on PostgreSQL), or kNotFound / kConflict.
  Result<OutboxRecord> Held(std::int64_t id, const std::string& owner);

  soci::session& session_;
  DatabaseKind kind_;
};

}  // namespace duly::daemon
