#include "workflows/matching/allocation_plan.h"

#include <gtest/gtest.h>

namespace duly {
namespace {

using date::days;
constexpr CalendarDate kDay = date::sys_days{date::year{2026} / 1 / 1};

OpenItem Invoice(const char* id, int due_day, std::int64_t cents) {
  return {id, "C1", InvoiceKind::kInvoice, Money::FromCents(cents), "EUR", kDay + days(due_day),
          "", ""};
}
OpenItem CreditNote(const char* id, int due_day, std::int64_t cents, const char* corrects) {
  return {
      id, "C1",    InvoiceKind::kCreditNote, Money::FromCents(cents), "EUR", kDay + days(due_day),
      "", corrects};
}

TEST(AllocationPlanTest, CoversInvoicesOldestFirst) {
  const OpenItem late = Invoice("B", 20, 5000), early = Invoice("A", 10, 3000);
  struct Case {
    std::int64_t payment;
    std::vector<Allocation> allocations;
    std::int64_t balance;
  };
  const Case cases[] = {
      {8000, {{"A", Money::FromCents(3000)}, {"B", Money::FromCents(5000)}}, 0},     // exact
      {2000, {{"A", Money::FromCents(2000)}}, 0},                                    // partial
      {4000, {{"A", Money::FromCents(3000)}, {"B", Money::FromCents(1000)}}, 0},     // partial
      {9000, {{"A", Money::FromCents(3000)}, {"B", Money::FromCents(5000)}}, 1000},  // over
      {0, {}, 0},
  };
  for (const Case& c : cases) {
    const AllocationPlan plan = PlanAllocation(Money::FromCents(c.payment), {&late, &early}, {});
    EXPECT_EQ(plan.allocations, c.allocations) << c.payment;
    EXPECT_EQ(plan.credit_balance, Money::FromCents(c.balance)) << c.payment;
    EXPECT_TRUE(plan.credit_notes.empty());
  }
}

TEST(AllocationPlanTest, SameDueDateOrdersById) {
  const OpenItem b = Invoice("B", 10, 1000), a = Invoice("A", 10, 1000);
  const AllocationPlan plan = PlanAllocation(Money::FromCents(1500), {&b, &a}, {});
  ASSERT_EQ(plan.allocations.size(), 2u);
  EXPECT_EQ(plan.allocations[0], (Allocation{"A", Money::FromCents(1000)}));
  EXPECT_EQ(plan.allocations[1], (Allocation{"B", Money::FromCents(500)}));
}

TEST(AllocationPlanTest, NetsCreditNotesAgainstTheInvoiceTheyCorrectFirst) {
  const OpenItem a = Invoice("A", 10, 3000), b = Invoice("B", 20, 5000);
  const OpenItem note = CreditNote("CN", 25, 1000, "B");
  const AllocationPlan plan = PlanAllocation(Money::FromCents(7000), {&a, &b}, {&note});
  EXPECT_EQ(plan.credit_notes, (std::vector<CreditNoteUse>{{"CN", "B", Money::FromCents(1000)}}));
  EXPECT_EQ(plan.allocations, (std::vector<Allocation>{{"A", Money::FromCents(3000)},
                                                       {"B", Money::FromCents(4000)}}));
  EXPECT_EQ(plan.credit_balance, Money());
  EXPECT_EQ(NetAmount({&a, &b}, {&note}), Money::FromCents(7000));
}

TEST(AllocationPlanTest, AnUnlinkedCreditNoteGoesToTheOldestAndSpillsOver) {
  const OpenItem a = Invoice("A", 10, 1000), b = Invoice("B", 20, 5000);
  const OpenItem note = CreditNote("CN", 5, 1500, "");
  const AllocationPlan plan = PlanAllocation(Money::FromCents(4500), {&a, &b}, {&note});
  EXPECT_EQ(plan.credit_notes, (std::vector<CreditNoteUse>{{"CN", "A", Money::FromCents(1000)},
                                                           {"CN", "B", Money::FromCents(500)}}));
  EXPECT_EQ(plan.allocations, (std::vector<Allocation>{{"B", Money::FromCents(4500)}}));
}

TEST(AllocationPlanTest, ACreditNoteLargerThanTheInvoicesKeepsItsRest) {
  const OpenItem a = Invoice("A", 10, 1000);
  const OpenItem note = CreditNote("CN", 5, 2500, "A");
  const AllocationPlan plan = PlanAllocation(Money::FromCents(300), {&a}, {&note});
  EXPECT_EQ(plan.credit_notes, (std::vector<CreditNoteUse>{{"CN", "A", Money::FromCents(1000)}}));
  EXPECT_TRUE(plan.allocations.empty());
  EXPECT_EQ(plan.credit_balance, Money::FromCents(300));
  EXPECT_EQ(NetAmount({&a}, {&note}), Money());
}

}  // namespace
}  // namespace duly
