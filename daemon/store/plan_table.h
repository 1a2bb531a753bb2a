// duly::daemon::PlanTable: payment plans in tables payment_plans, installments and plan_invoices
// (migrations 0001, 0002 and 0006).
//
// Promise: Insert() stores a plan with its installments and the invoices it covers and returns
// its id. Find() and List() read plans with their installments in two statements (List: newest
// first, index payment_plans_customer); ActiveIds() lists the active plans (index
// payment_plans_state). SetState() stores a plan's state, approver and closed_at; Store()
// writes back installments' paid, state, reminder and missed day. InvoicesInActivePlans() names
// which of `invoices` an active plan covers. CustomerSegment() is the segment of the customer's
// first collection instance ("" when none). Runs inside the caller's transaction; throws
// soci_error. Thread-safety: one per transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "daemon/store/database_url.h"
#include "workflows/plans/payment_plan.h"

namespace duly::daemon {

class PlanTable {
 public:
  PlanTable(soci::session& session, DatabaseKind kind) : session_(session), kind_(kind) {}

  std::int64_t Insert(const PaymentPlan& plan, const std::string& created_by);
  // PostgreSQL: `lock` takes the plan row FOR UPDATE.
  std::optional<PaymentPlan> Find(std::int64_t id, bool lock = false);
  std::vector<PaymentPlan> List(const std::string& customer, int limit);
  std::vector<std::int64_t> ActiveIds();
  void SetState(const PaymentPlan& plan);
  void Store(std::int64_t plan, const std::vector<Installment>& installments, Instant at);
  std::set<std::string> InvoicesInActivePlans(const std::vector<std::string>& invoices);
  std::string CustomerSegment(const std::string& customer);

 private:
  std::vector<PaymentPlan> Select(const std::string& ids_query, const std::string& customer,
                                  long long number);

  soci::session& session_;
  DatabaseKind kind_;
};

}  // namespace duly::daemon
