#include "workflows/plans/plan_evaluation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace duly {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

CalendarDate Day(const char* text) { return ParseCalendarDate(text).value(); }

// Three installments of EUR 100.00 due on the 1st of February, March and April 2026.
PaymentPlan ThreeMonths() {
  PaymentPlan plan;
  plan.id = 7;
  plan.total = Money::FromCents(30000);
  plan.starts_on = Day("2026-01-15");
  for (int i = 0; i < 3; ++i) {
    Installment installment;
    installment.number = i + 1;
    installment.due_on = Day("2026-02-01") + date::days{28 * i};
    installment.amount = Money::FromCents(10000);
    plan.installments.push_back(installment);
  }
  return plan;
}

TEST(AllocateInOrder, PartialPaymentsCarryOver) {
  const std::vector<Money> amounts = {Money::FromCents(100), Money::FromCents(100),
                                      Money::FromCents(100)};
  EXPECT_THAT(AllocateInOrder(amounts, Money::FromCents(150)),
              ElementsAre(Money::FromCents(100), Money::FromCents(50), Money()));
  EXPECT_THAT(AllocateInOrder(amounts, Money::FromCents(500)),
              ElementsAre(Money::FromCents(100), Money::FromCents(100), Money::FromCents(100)));
  EXPECT_THAT(AllocateInOrder(amounts, Money::FromCents(-5)),
              ElementsAre(Money(), Money(), Money()));
}

TEST(EvaluatePlan, RemindsBeforeTheDueDateOnce) {
  PaymentPlan plan = ThreeMonths();
  EXPECT_FALSE(EvaluatePlan(plan, Money(), Day("2026-01-28"), {}).Changed());
  const PlanDecision decision = EvaluatePlan(plan, Money(), Day("2026-01-29"), {});
  EXPECT_THAT(decision.reminded, ElementsAre(1));
  plan.installments = decision.installments;
  EXPECT_FALSE(EvaluatePlan(plan, Money(), Day("2026-01-29"), {}).Changed());
}

TEST(EvaluatePlan, PaymentsMarkInstallmentsPaidInOrder) {
  PaymentPlan plan = ThreeMonths();
  const PlanDecision decision = EvaluatePlan(plan, Money::FromCents(15000), Day("2026-01-20"), {});
  EXPECT_THAT(decision.paid, ElementsAre(1));
  EXPECT_EQ(decision.installments[1].paid, Money::FromCents(5000));
  EXPECT_EQ(decision.installments[1].state, InstallmentState::kPending);
  plan.installments = decision.installments;
  const PlanDecision all = EvaluatePlan(plan, Money::FromCents(30000), Day("2026-01-21"), {});
  EXPECT_THAT(all.paid, ElementsAre(2, 3));
  EXPECT_TRUE(all.completed);
}

TEST(EvaluatePlan, AMissedInstallmentBreaksThePlanAfterTheGrace) {
  PaymentPlan plan = ThreeMonths();
  PlanDecision decision = EvaluatePlan(plan, Money(), Day("2026-02-02"), {});
  EXPECT_THAT(decision.missed, ElementsAre(1));
  EXPECT_FALSE(decision.broken);
  plan.installments = decision.installments;
  EXPECT_EQ(plan.installments[0].missed_on, Day("2026-02-02"));
  EXPECT_FALSE(EvaluatePlan(plan, Money(), Day("2026-02-08"), {}).Changed());
  decision = EvaluatePlan(plan, Money(), Day("2026-02-09"), {});
  EXPECT_TRUE(decision.broken);
  EXPECT_EQ(decision.broken_by, 1);
  EXPECT_THAT(decision.missed, IsEmpty());
}

TEST(EvaluatePlan, AMissedInstallmentPaidLateIsPaid) {
  PaymentPlan plan = ThreeMonths();
  plan.installments = EvaluatePlan(plan, Money(), Day("2026-02-02"), {}).installments;
  const PlanDecision decision = EvaluatePlan(plan, Money::FromCents(10000), Day("2026-02-05"), {});
  EXPECT_THAT(decision.paid, ElementsAre(1));
  EXPECT_FALSE(decision.broken);
  EXPECT_EQ(decision.installments[0].state, InstallmentState::kPaid);
}

}  // namespace
}  // namespace duly
