#include "workflows/cases/complaint_report.h"

#include <gtest/gtest.h>

namespace duly {
namespace {

Instant Day(const char* day) { return Instant(ParseCalendarDate(day).value()); }

ComplaintFact Fact(const char* department, const char* category, const char* customer,
                   const char* opened, std::optional<Instant> closed, long long held = 0) {
  ComplaintFact fact;
  fact.department = department;
  fact.category = category;
  fact.customer = customer;
  fact.created_at = Day(opened);
  fact.deadline_at = fact.created_at + std::chrono::hours(24 * 7);
  fact.closed_at = closed;
  fact.held = Money::FromCents(held);
  return fact;
}

TEST(ComplaintReport, GroupsByDepartmentAndCategory) {
  const ComplaintReport report = BuildComplaintReport({
      Fact("billing", "wrong_price", "C1", "2026-01-05", Day("2026-01-07")),    // 48 h, in time
      Fact("billing", "wrong_price", "C1", "2026-02-01", Day("2026-02-11")),    // 240 h, late
      Fact("billing", "wrong_price", "C2", "2026-02-03", Day("2026-02-04")),    // 24 h, in time
      Fact("billing", "wrong_price", "C3", "2026-02-20", std::nullopt, 12500),  // open
      Fact("sales", "quality", "C2", "2026-03-01", std::nullopt, 5000),         // open
      Fact("billing", "missing_po", "C4", "2026-01-31", std::nullopt, 0),       // open
  });
  ASSERT_EQ(report.groups.size(), 3U);
  const ComplaintGroup& missing_po = report.groups[0];
  EXPECT_EQ(missing_po.category, "missing_po");
  EXPECT_EQ(missing_po.median_hours_to_resolve, std::nullopt);
  EXPECT_EQ(missing_po.resolved_within_deadline, std::nullopt);
  const ComplaintGroup& price = report.groups[1];
  EXPECT_EQ(price.department, "billing");
  EXPECT_EQ(price.category, "wrong_price");
  EXPECT_EQ(price.count, 4);
  EXPECT_EQ(price.customers, 3);
  EXPECT_EQ(price.amount_held, Money::FromCents(12500));
  EXPECT_EQ(price.median_hours_to_resolve, 48.0);
  EXPECT_DOUBLE_EQ(*price.resolved_within_deadline, 2.0 / 3.0);
  EXPECT_EQ(price.per_month, (std::map<std::string, std::int64_t>{{"2026-01", 1}, {"2026-02", 3}}));
  EXPECT_EQ(report.groups[2].department, "sales");
  EXPECT_EQ(report.total_count, 6);
  EXPECT_EQ(report.total_held, Money::FromCents(17500));
}

TEST(ComplaintReport, MedianOfAnEvenCountIsTheMean) {
  const ComplaintReport report = BuildComplaintReport({
      Fact("ops", "damaged", "C1", "2026-01-01", Day("2026-01-02")),
      Fact("ops", "damaged", "C1", "2026-01-01", Day("2026-01-04")),
  });
  ASSERT_EQ(report.groups.size(), 1U);
  EXPECT_EQ(report.groups[0].median_hours_to_resolve, 48.0);
  EXPECT_EQ(report.groups[0].resolved_within_deadline, 1.0);
}

}  // namespace
}  // namespace duly
