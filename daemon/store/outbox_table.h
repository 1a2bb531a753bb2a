// duly::daemon::OutboxTable: the providers' delivery reports on sent messages, and reading rows
// back (leasing: outbox_lease.h; recording what became of a leased row: outbox_settler.h).
//
// Promise: RecordDelivery() moves a sent row's delivery forward only (accepted < sent < delivered
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

  Status RecordDelivery(const std::string& provider_id, MessageDelivery delivery,
                        const std::string& error_code, HistoryChain& chain);

  // The earliest moment a row becomes leasable (due pending/reconcile rows, ends of leases).
  std::optional<Instant> NextDue();
  // A customer's messages (recipient kind customer), newest first (index outbox_customer).
  std::vector<OutboxRecord> ListForCustomer(const std::string& customer, int limit);

 private:
  soci::session& session_;
  DatabaseKind kind_;
};

}  // namespace duly::daemon
