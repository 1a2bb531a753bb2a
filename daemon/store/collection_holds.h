// duly::daemon collection holds: which invoices collection must not remind right now, read in the
// caller's transaction for a whole batch of invoices.
//
// Promise: ReadCollectionHolds() gives the CollectionHold of each invoice that has one (absent
// invoices have none): an open or escalated case naming it (cases.invoice or case_invoices)
// -> disputed; open promises naming it
// (promises.invoice or promise_invoices) -> promised_until =
// the latest promised date; an active payment plan covering it (plan_invoices) -> in_plan.
// UncollectibleInvoices() names, for each invoice of `invoices` that must not be reminded, why:
// "deleted" (no such invoice), "paid" (also open amount 0), "credited", "written_off", or the
// hold by the engine's priority "disputed" > "in_plan" > "promised". One statement per kind of
// row, never one per invoice. Throws soci_error. Thread-safety: one transaction, one thread.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "daemon/store/database_url.h"
#include "workflows/engine/timer_input.h"

namespace duly::daemon {

std::map<std::string, CollectionHold> ReadCollectionHolds(soci::session& session, DatabaseKind kind,
                                                          const std::vector<std::string>& invoices);

std::map<std::string, std::string> UncollectibleInvoices(soci::session& session, DatabaseKind kind,
                                                         const std::vector<std::string>& invoices);

}  // namespace duly::daemon
