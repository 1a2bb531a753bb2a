// duly::daemon::ReadTimerInputs: everything the engine needs to decide a batch of due timers,
// read inside the firing transaction.
//
// Promise: one statement per kind of row for the whole batch (invoices, customers, instances,
// cases, promises, plans, opt-outs, and one per requested aggregate fact), never one per timer.
// Holds: an open or escalated case on the invoice -> disputed; open promises -> promised_until =
// the latest promised date; an active payment plan covering it (plan_invoices) -> in_plan.
// Facts (only those requested): customer.open_amount (sum of open invoices),
// customer.revenue_rank_12m (RANK by invoice amounts issued in the 365 days up to now, 1 =
// largest; missing without revenue), customer.avg_days_late (mean of the days from due date to
// the latest payment received on each invoice paid in those 365 days; missing when none),
// customer.promise_kept_ratio (kept / (kept + broken); missing when none),
// customer.open_disputes (open or escalated cases). customer.risk_rating is a record fact: the
// engine takes it from Customer::risk_rating. Throws soci_error. Thread-safety: call within one
// transaction on one thread.
#pragma once

#include <vector>

#include <soci/soci.h>

#include "daemon/store/database_url.h"
#include "workflows/engine/timer_input.h"

namespace duly::daemon {

std::vector<TimerInput> ReadTimerInputs(soci::session& session, DatabaseKind kind,
                                        const std::vector<Timer>& timers, Instant now,
                                        const FactRequest& facts);

}  // namespace duly::daemon
