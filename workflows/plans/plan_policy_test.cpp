#include "workflows/plans/plan_policy.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace duly {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

CalendarDate Day(const char* text) { return ParseCalendarDate(text).value(); }

// `count` monthly installments of `cents` from 2026-02-01, the plan starting 2026-01-15.
PlanDraft Monthly(int count, long long cents) {
  PlanDraft draft{"C1", {"I1"}, Day("2026-01-15"), {}};
  for (int i = 0; i < count; ++i) {
    draft.installments.push_back({AddMonths(Day("2026-02-01"), i), Money::FromCents(cents)});
  }
  return draft;
}

TEST(PlanPolicy, SixInstallmentsOfOneHundredAreAccepted) {
  const PlanCheck check =
      CheckPlan(Monthly(6, 10000), PlanPolicy{}, Money::FromCents(60000), "EUR");
  EXPECT_TRUE(check.Acceptable());
}

TEST(PlanPolicy, SevenInstallmentsBreakThePolicy) {
  PlanDraft draft = Monthly(7, 10000);
  draft.starts_on = Day("2026-01-31");
  draft.installments.back().due_on = Day("2026-07-31");
  const PlanCheck check = CheckPlan(draft, PlanPolicy{}, Money::FromCents(70000), "EUR");
  EXPECT_THAT(check.errors, IsEmpty());
  EXPECT_THAT(check.exceptions,
              ElementsAre(FieldError{"/installments", "7 installments; the maximum is 6"}));
}

TEST(PlanPolicy, AnInstallmentBelowTheMinimumIsNamed) {
  PlanDraft draft = Monthly(6, 10000);
  draft.installments[3].amount = Money::FromCents(8000);
  draft.installments[5].amount = Money::FromCents(12000);
  const PlanCheck check = CheckPlan(draft, PlanPolicy{}, Money::FromCents(60000), "EUR");
  EXPECT_THAT(check.exceptions,
              ElementsAre(FieldError{"/installments/3/amount",
                                     "the 4th installment is EUR 80.00; the minimum is "
                                     "EUR 100.00"}));
}

TEST(PlanPolicy, NinetyNineNinetyNineIsBelowTheMinimum) {
  PlanDraft draft = Monthly(2, 10000);
  draft.installments[0].amount = Money::FromCents(9999);
  const PlanCheck check = CheckPlan(draft, PlanPolicy{}, Money::FromCents(19999), "EUR");
  EXPECT_THAT(check.exceptions,
              ElementsAre(FieldError{"/installments/0/amount",
                                     "the 1st installment is EUR 99.99; the minimum is "
                                     "EUR 100.00"}));
}

TEST(PlanPolicy, TheLastInstallmentMayBeDueSixMonthsAfterTheStart) {
  PlanDraft draft{"C1", {"I1"}, Day("2026-01-15"), {{Day("2026-07-15"), Money::FromCents(10000)}}};
  EXPECT_TRUE(CheckPlan(draft, PlanPolicy{}, Money::FromCents(10000), "EUR").Acceptable());
  draft.installments[0].due_on = Day("2026-07-16");
  EXPECT_THAT(CheckPlan(draft, PlanPolicy{}, Money::FromCents(10000), "EUR").exceptions,
              ElementsAre(FieldError{"/installments/0/due_on",
                                     "the last installment is due 2026-07-16; the latest is "
                                     "2026-07-15 (6 months after the start)"}));
}

TEST(PlanPolicy, ErrorsAreNotExceptions) {
  PlanDraft draft = Monthly(2, 10000);
  draft.installments[1].due_on = Day("2026-02-01");
  draft.installments[0].amount = Money::FromCents(0);
  const PlanCheck check = CheckPlan(draft, PlanPolicy{}, Money::FromCents(20000), "EUR");
  EXPECT_THAT(check.errors,
              ElementsAre(FieldError{"/installments/0/amount",
                                     "the 1st installment must be more than EUR 0.00"},
                          FieldError{"/installments/1/due_on",
                                     "the 2nd installment is due 2026-02-01; it must be due "
                                     "after the 1st (2026-02-01)"},
                          FieldError{"/installments",
                                     "the installments add up to EUR 100.00; "
                                     "the invoices' open amount is EUR 200.00"}));
  EXPECT_THAT(
      CheckPlan(PlanDraft{"C1", {}, Day("2026-01-01"), {}}, PlanPolicy{}, Money(), "EUR").errors,
      ElementsAre(FieldError{"/invoices", "must name at least one invoice"},
                  FieldError{"/installments", "must have at least one installment"}));
}

TEST(PlanPolicy, ADueDateBeforeTheStartIsAnError) {
  PlanDraft draft{"C1", {"I1"}, Day("2026-03-01"), {{Day("2026-02-28"), Money::FromCents(10000)}}};
  EXPECT_THAT(CheckPlan(draft, PlanPolicy{}, Money::FromCents(10000), "EUR").errors,
              ElementsAre(FieldError{"/installments/0/due_on",
                                     "the 1st installment is due 2026-02-28, before the plan "
                                     "starts on 2026-03-01"}));
}

TEST(PlanPolicy, SegmentsHaveTheirOwnPolicy) {
  PlanPolicies policies;
  policies.by_segment["large"] = PlanPolicy{12, Money::FromCents(50000), 12};
  EXPECT_EQ(policies.For("large").max_installments, 12);
  EXPECT_EQ(policies.For("small").max_installments, 6);
  EXPECT_TRUE(CheckPlan(Monthly(7, 50000), policies.For("large"), Money::FromCents(350000), "EUR")
                  .Acceptable());
}

TEST(PlanPolicy, OrdinalsAndMonths) {
  EXPECT_EQ(Ordinal(1), "1st");
  EXPECT_EQ(Ordinal(2), "2nd");
  EXPECT_EQ(Ordinal(3), "3rd");
  EXPECT_EQ(Ordinal(4), "4th");
  EXPECT_EQ(Ordinal(11), "11th");
  EXPECT_EQ(Ordinal(12), "12th");
  EXPECT_EQ(Ordinal(13), "13th");
  EXPECT_EQ(Ordinal(21), "21st");
  EXPECT_EQ(Ordinal(112), "112th");
  EXPECT_EQ(AddMonths(Day("2026-08-31"), 6), Day("2027-02-28"));
  EXPECT_EQ(AddMonths(Day("2027-08-31"), 6), Day("2028-02-29"));
  EXPECT_EQ(AddMonths(Day("2026-01-15"), 6), Day("2026-07-15"));
}

}  // namespace
}  // namespace duly
