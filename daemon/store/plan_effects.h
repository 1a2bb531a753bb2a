// duly::daemon plan effects: the customer messages of a payment plan and the call task of a
// broken promise, written through the engine's EffectWriter so they bundle like the engine's own.
//
// Promise: QueuePlanMessage() queues template `template_id` to the customer on the first of the
// customer's preferred channels they can be reached on and have not opted out of (the others
// become the fallbacks), due now, as an item (first invoice of the plan, step "plan:<id>") that
// leasing does not drop for the plan's own hold; nothing when no channel reaches the customer
// (returns false). OpenPromiseCall() adds the promise's first invoice to the customer's call task
// of the local day (script "follow-up", step "promise:<id>"). Events as EffectWriter appends them
// ("message.queued"/"message.extended", "call_task.created"/"call_task.extended"). Runs inside
// the caller's transaction; throws soci_error. Thread-safety: one transaction, one thread.
#pragma once

#include <string>

#include <soci/soci.h>

#include "daemon/store/database_url.h"
#include "daemon/store/history_chain.h"
#include "workflows/customer.h"
#include "workflows/plans/payment_plan.h"
#include "workflows/plans/promise.h"

namespace duly::daemon {

bool QueuePlanMessage(soci::session& session, DatabaseKind kind, HistoryChain& chain,
                      const Customer& customer, const PaymentPlan& plan,
                      const std::string& template_id, Instant now, const std::string& time_zone);

void OpenPromiseCall(soci::session& session, DatabaseKind kind, HistoryChain& chain,
                     const Promise& promise, Instant now, const std::string& time_zone);

}  // namespace duly::daemon
