// duly::daemon::OutboxTable: leasing queued messages to whoever delivers them, and recording
// what became of them.
//
// Promise: Lease() takes up to `limit` rows that are pending and due, or leased with an expired
// lease, oldest due first (index outbox_due; PostgreSQL: FOR UPDATE SKIP LOCKED), marks them
// leased by `owner` until `until` and returns them. MarkSent / MarkFailed act only on a row
// still leased by `owner` (kConflict otherwise, kNotFound for an unknown id) and append
// "message.sent" / "message.failed". Runs inside the caller's transaction; throws soci_error.
// Thread-safety: one instance per transaction.
#pragma once

#include <cstdint>
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

  std::vector<OutboxMessage> Lease(Instant now, int limit, const std::string& owner, Instant until);
  Status MarkSent(std::int64_t id, const std::string& owner, const std::string& provider_id,
                  HistoryChain& chain);
  Status MarkFailed(std::int64_t id, const std::string& owner, bool permanent, Instant retry_at,
                    const std::string& error, HistoryChain& chain);

 private:
  // kNotFound or kConflict for a row `owner` does not hold; fills customer and channel.
  Status CheckHeld(std::int64_t id, const std::string& owner, std::string& customer,
                   std::string& channel);

  soci::session& session_;
  DatabaseKind kind_;
};

}  // namespace duly::daemon
