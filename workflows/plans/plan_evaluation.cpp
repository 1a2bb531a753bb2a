#include "workflows/plans/plan_evaluation.h"

namespace duly {

PlanDecision EvaluatePlan(const PaymentPlan& plan, Money paid_since, CalendarDate today,
                          const PlanTiming& timing) {
  PlanDecision decision;
  decision.installments = plan.installments;
  std::vector<Money> amounts;
  for (const Installment& installment : plan.installments) amounts.push_back(installment.amount);
  const std::vector<Money> allocated = AllocateInOrder(amounts, Min(paid_since, plan.total));
  bool all_paid = true;
  for (std::size_t i = 0; i < decision.installments.size(); ++i) {
    Installment& installment = decision.installments[i];
    installment.paid = allocated[i];
    if (installment.paid >= installment.amount) {
      if (installment.state != InstallmentState::kPaid) decision.paid.push_back(installment.number);
      installment.state = InstallmentState::kPaid;
    } else {
      all_paid = false;
    }
  }
  if (all_paid) {
    decision.completed = true;
    return decision;
  }
  for (Installment& installment : decision.installments) {
    if (installment.state == InstallmentState::kPending) {
      if (today > installment.due_on) {
        installment.state = InstallmentState::kMissed;
        installment.missed_on = today;
        decision.missed.push_back(installment.number);
      } else if (!installment.reminded &&
                 today + date::days{timing.reminder_days} >= installment.due_on) {
        installment.reminded = true;
        decision.reminded.push_back(installment.number);
      }
    }
    if (installment.state == InstallmentState::kMissed && !decision.broken &&
        today > installment.due_on + date::days{timing.grace_days}) {
      decision.broken = true;
      decision.broken_by = installment.number;
    }
  }
  return decision;
}

}  // namespace duly
