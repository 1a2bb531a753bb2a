// duly::daemon::OutboxLease: hands due outbox rows to whoever delivers them, after checking that
// every invoice they remind is still collectible.
//
// Promise: Take() reads up to `limit` rows that are pending or reconcile and due at or before
// `now`, or leased with a lease that ended at or before `now`, oldest due first, in one
// statement (index outbox_due; PostgreSQL: FOR UPDATE SKIP LOCKED, so concurrent dispatchers
// never take the same row). Each customer row's items are checked against their invoices
// (UncollectibleInvoices, collection_holds.h; a payment plan's own items, step "plan:<id>", are
// not dropped for the plan's hold "in_plan"): uncollectible items are dropped ("message.
// items_dropped" {outbox, channel, invoices: {id: reason}}) and the template becomes that of the
// first item left; a row left without items is canceled instead ("message.canceled" {outbox,
// channel, reason, invoices}) and not returned. Colleague rows are not checked. The other rows
// become leased by `owner` until `until` and are returned. A row taken over from an expired lease
// may have been sent by its previous holder, so it comes back with needs_reconcile set and
// attempted_at = when that lease was taken (unless an earlier unknown attempt set it already).
// Events go to `chain`, which the caller opens before Take() locks any row: like the engine's
// effect writer (which locks pending rows after the history head), leasing takes the history
// head first, so the two never wait for each other in opposite orders. Runs inside the caller's
// transaction; throws soci_error.
// Thread-safety: one instance per transaction.
#pragma once

#include <string>
#include <vector>

#include <soci/soci.h>

#include "daemon/store/database_url.h"
#include "daemon/store/history_chain.h"
#include "workflows/engine/outbox_store.h"

namespace duly::daemon {

class OutboxLease {
 public:
  OutboxLease(soci::session& session, DatabaseKind kind) : session_(session), kind_(kind) {}

  std::vector<OutboxMessage> Take(Instant now, int limit, const std::string& owner, Instant until,
                                  HistoryChain& chain);

 private:
  soci::session& session_;
  DatabaseKind kind_;
};

}  // namespace duly::daemon
