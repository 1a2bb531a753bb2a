// duly::PaymentPlanStore: payment plans and the customer's credit status.
//
// Promise: each method is one transaction (or one read). CheckPlan() reads what the policy check
// needs (the customer's segment, the invoices' open amount and currency) and returns the
// PlanCheck without writing; kNotFound for an unknown customer, kInvalidArgument "/invoices/N" for
// an invoice that is not the customer's or not open or already in an active plan. CreatePlan()
// makes the same check in its transaction: errors -> kInvalidArgument with the fields; policy
// breaks -> kPolicy with the fields unless `ask_exception`, in which case the plan is stored
// proposed (nothing held, nothing sent) for a manager; a rejected plan writes nothing. An
// acceptable plan is stored active ("plan.created"), which holds its invoices, and the customer
// is sent the schedule (template payment_plan_schedule). ApprovePlan() turns a proposed plan
// active with the manager's id ("plan.approved", then the schedule); kConflict when not
// proposed. CancelPlan() cancels a proposed or active plan ("plan.cancelled"). EvaluatePlans()
// applies EvaluatePlan() to every active plan: "plan.installment_paid", reminders
// (installment_reminder, "plan.installment_reminded"), "plan.installment_missed" with the
// installment_missed message, "plan.broken" (the invoices return to their workflow) and
// "plan.completed"; a second run the same day writes nothing. CreditStatusOf() answers
// DecideCreditStatus() with the segment's threshold. Thread-safety: safe to call concurrently.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "workflows/plans/credit_status.h"
#include "workflows/plans/payment_plan.h"
#include "workflows/plans/plan_policy.h"
#include "workflows/status.h"
#include "workflows/store.h"

namespace duly {

struct PlanRound {
  std::int64_t paid = 0;      // installments newly paid
  std::int64_t reminded = 0;  // reminders queued
  std::int64_t missed = 0;    // installments newly missed
  std::int64_t broken = 0;    // plans broken
  std::int64_t completed = 0;
};

class PaymentPlanStore {
 public:
  virtual ~PaymentPlanStore() = default;

  virtual Result<PlanCheck> CheckPlan(const PlanDraft& draft) = 0;
  virtual Result<PaymentPlan> CreatePlan(const PlanDraft& draft, bool ask_exception,
                                         const Actor& actor) = 0;
  // REQUIRES: `manager` is the approving colleague's id (the API admits managers only).
  virtual Result<PaymentPlan> ApprovePlan(std::int64_t id, const std::string& manager,
                                          const Actor& actor) = 0;
  virtual Result<PaymentPlan> CancelPlan(std::int64_t id, const Actor& actor) = 0;
  virtual Result<PaymentPlan> GetPlan(std::int64_t id) = 0;
  // A customer's plans ("" for all), newest first; kInvalidArgument "/limit" outside 1..1000.
  virtual Result<std::vector<PaymentPlan>> ListPlans(const std::string& customer, int limit) = 0;
  virtual Result<PlanRound> EvaluatePlans(Instant now) = 0;
  // kNotFound for an unknown customer.
  virtual Result<CreditStatus> CreditStatusOf(const std::string& customer, Instant now) = 0;
};

}  // namespace duly
