// duly::EvaluatePlan(): what happens to an active payment plan today.
//
// Promise: given the plan as stored, what its invoices have been paid since it was made and
// today's date, returns the plan's installments updated and what to record, in this order:
//  1. payments are allocated to the installments in order (AllocateInOrder); an installment
//     they cover becomes paid (-> `paid`, also a missed one that catches up);
//  2. every installment paid -> `completed` (nothing else happens);
//  3. a pending installment due within `reminder_days` (due_on - reminder_days <= today <=
//     due_on) and not yet reminded -> `reminded`;
//  4. a pending installment past its due date (today > due_on) -> missed (-> `missed`, its
//     missed_on = today);
//  5. a missed installment still unpaid after `grace_days` (today > due_on + grace_days) ->
//     `broken` with `broken_by` its number.
// Running it again on its own result with the same payments and day changes nothing (every
// transition is recorded in the installments), so a round run twice sends nothing twice.
// Pure; thread-safe.
#pragma once

#include <vector>

#include "workflows/plans/payment_plan.h"

namespace duly {

struct PlanTiming {
  int reminder_days = 3;  // remind this many days before an installment's due date
  int grace_days = 7;     // a missed installment breaks the plan after this many days
};

struct PlanDecision {
  std::vector<Installment> installments;  // updated
  std::vector<int> paid;                  // numbers newly paid
  std::vector<int> reminded;              // numbers to remind now
  std::vector<int> missed;                // numbers newly missed
  bool completed = false;
  bool broken = false;
  int broken_by = 0;  // the missed installment's number when broken
  bool Changed() const {
    return !paid.empty() || !reminded.empty() || !missed.empty() || completed || broken;
  }
};

// REQUIRES: plan.state == kActive. `paid_since` is what the plan's invoices received since the
// plan was made (clamped to 0..total by the caller or here).
PlanDecision EvaluatePlan(const PaymentPlan& plan, Money paid_since, CalendarDate today,
                          const PlanTiming& timing);

}  // namespace duly
