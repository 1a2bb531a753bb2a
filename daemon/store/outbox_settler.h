// duly::daemon::OutboxSettler: records what became of the rows leased to one dispatcher, one
// settlement after the other inside the caller's write transaction, each statement prepared once
// per settler (the row check and each kind of update) and executed again for every row.
//
// Promise: Settle() acts only on a row still leased by `owner` (kConflict otherwise, kNotFound for
// an unknown id), ends its lease and appends one event on the customer's history:
//   kSent      -> sent with the provider's id ("message.sent" {outbox, channel, provider_id});
//   kFailed    -> failed, or pending again at retry_at, attempt + 1 ("message.failed" {outbox,
//                 channel, error, permanent, retry_at when pending});
//   kFallback  -> pending now on the first fallback channel, which is removed from the list,
//                 attempt + 1 (kInvalidArgument "/channel" when `channel` is not that first
//                 fallback; "message.fallback" {outbox, from, to, error});
//   kUnknown   -> reconcile until reconcile_at with needs_reconcile set and attempted_at kept at
//                 the earliest unknown attempt, attempt + 1 ("message.outcome_unknown" {outbox,
//                 channel, error, attempted_at, reconcile_at});
//   kCanceled  -> canceled, the reason as last_error ("message.canceled" {outbox, channel,
//                 reason}).
// A known outcome (sent, failed, fallback) clears the reconcile marks. A refused settlement
// writes nothing. On PostgreSQL the row is locked FOR UPDATE before it is checked. Throws
// soci_error (the caller's transaction then rolls back). Thread-safety: one instance per
// transaction, on one thread; not copyable or movable (its statements bind its members).
#pragma once

#include <memory>
#include <string>

#include <soci/soci.h>

#include "daemon/store/database_url.h"
#include "daemon/store/history_chain.h"
#include "workflows/engine/outbox_store.h"

namespace duly::daemon {

class OutboxSettler {
 public:
  // REQUIRES: a write transaction with `chain` is open on `session`.
  OutboxSettler(soci::session& session, DatabaseKind kind, std::string owner, HistoryChain& chain);
  ~OutboxSettler();
  OutboxSettler(const OutboxSettler&) = delete;
  OutboxSettler& operator=(const OutboxSettler&) = delete;

  Status Settle(const MessageSettlement& settlement);

 private:
  // The statements, prepared on first use; each binds the members below.
  enum Update { kSent, kFailed, kRetry, kFallback, kUnknown, kCanceled, kUpdates };

  // Reads the row into the held_* members: kNotFound, kConflict, or ok.
  Status Hold(std::int64_t id);
  void Run(Update update);
  void Append(const char* type, std::string payload);

  soci::session& session_;
  DatabaseKind kind_;
  const std::string owner_;
  HistoryChain& chain_;
  // Bound values.
  long long id_ = 0;
  std::string text_;  // provider id, error or reason
  long long at_ = 0;  // sent_at, retry_at, due_at or reconcile_at (epoch ms)
  long long attempted_ = 0;
  std::string channel_;    // fallback: the new channel
  std::string fallbacks_;  // fallback: those left (JSON array)
  // The held row.
  std::string held_state_, held_owner_, held_customer_, held_channel_, held_fallbacks_;
  std::unique_ptr<soci::statement> hold_;
  std::unique_ptr<soci::statement> updates_[kUpdates];
};

}  // namespace duly::daemon
