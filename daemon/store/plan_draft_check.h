// duly::daemon::CheckDraft: the payment-plan policy check with what it reads from the store.
//
// Promise: reads the customer (kNotFound when unknown), its segment (PlanTable::CustomerSegment),
// the draft's invoices and whether an active plan covers them, and returns CheckPlan() of the
// segment's policy against their open amount, with the invoice problems ("/invoices/N": not the
// customer's invoice, not open, already in an active plan `except_plan` aside) added to errors.
// Runs inside the caller's transaction or read; throws soci_error. Thread-safety: one thread.
#pragma once

#include <cstdint>
#include <string>

#include <soci/soci.h>

#include "daemon/store/database_url.h"
#include "workflows/customer.h"
#include "workflows/plans/plan_settings.h"

namespace duly::daemon {

struct DraftCheck {
  PlanCheck check;
  Customer customer;
  std::string segment;
  std::string currency = "EUR";
  Money open_amount;
};

Result<DraftCheck> CheckDraft(soci::session& session, DatabaseKind kind, const PlanDraft& draft,
                              const PlanSettings& settings);

}  // namespace duly::daemon
