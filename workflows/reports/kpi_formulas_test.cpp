// The KPI formulas against the test vectors of RULES.md section 6 and hand-computed edges.
#include <gtest/gtest.h>

#include "workflows/reports/aging.h"
#include "workflows/reports/cei.h"
#include "workflows/reports/dso.h"
#include "workflows/reports/promise_tally.h"

namespace duly {
namespace {

Money Eur(std::int64_t euros) { return Money::FromCents(euros * 100); }
CalendarDate Day(const char* text) { return *ParseCalendarDate(text); }

TEST(StandardDso, RulesVector) {
  // AR 15,000, credit sales 10,000 in 30 days -> 45 days.
  EXPECT_DOUBLE_EQ(*StandardDso(Eur(15000), Eur(10000), 30), 45.0);
  EXPECT_FALSE(StandardDso(Eur(15000), Money(), 30).has_value());
}

TEST(CountBackDso, RulesVectors) {
  // AR 212,000; 100,000 / 80,000 / 70,000 in 30-day months -> 30 + 30 + 32/70 x 30 = 73.71.
  CountBackDso first =
      CountBack(Eur(212000), {{Eur(100000), 30}, {Eur(80000), 30}, {Eur(70000), 30}});
  EXPECT_NEAR(first.days, 73.71, 0.005);
  EXPECT_TRUE(first.exhausted);
  // AR 12 M; 28-day periods of 5 M / 6 M / 6 M -> 28 + 28 + 1/6 x 28 = 60.67.
  CountBackDso second =
      CountBack(Eur(12000000), {{Eur(5000000), 28}, {Eur(6000000), 28}, {Eur(6000000), 28}});
  EXPECT_NEAR(second.days, 60.67, 0.005);
  // AR 6,340; Mar 3,890 (31 d), Feb 3,610 (28 d) -> 31 + 2,450/3,610 x 28 = 50.00.
  CountBackDso third = CountBack(Eur(6340), {{Eur(3890), 31}, {Eur(3610), 28}});
  EXPECT_NEAR(third.days, 50.00, 0.005);
}

TEST(CountBackDso, EdgesAreStated) {
  // AR larger than every window: all days, flagged as a floor.
  CountBackDso beyond = CountBack(Eur(500), {{Eur(100), 31}, {Eur(100), 30}});
  EXPECT_DOUBLE_EQ(beyond.days, 61.0);
  EXPECT_FALSE(beyond.exhausted);
  // No AR: 0 days. AR exactly one window: that window's days.
  EXPECT_DOUBLE_EQ(CountBack(Money(), {{Eur(100), 31}}).days, 0.0);
  EXPECT_DOUBLE_EQ(CountBack(Eur(100), {{Eur(100), 31}, {Eur(100), 30}}).days, 31.0);
  // A window without sales is passed over whole.
  EXPECT_DOUBLE_EQ(CountBack(Eur(50), {{Money(), 31}, {Eur(100), 30}}).days, 46.0);
}

TEST(BestPossibleDsoAndAdd, RulesVector) {
  // Total AR 15,000, current 4,000, sales 10,000 in 30 days -> DSO 45, BPDSO 12, ADD 33.
  const auto dso = StandardDso(Eur(15000), Eur(10000), 30);
  const auto best = BestPossibleDso(Eur(4000), Eur(10000), 30);
  EXPECT_DOUBLE_EQ(*best, 12.0);
  EXPECT_DOUBLE_EQ(*AverageDaysDelinquent(dso, best), 33.0);
  EXPECT_FALSE(AverageDaysDelinquent(dso, std::nullopt).has_value());
}

TEST(Cei, RulesVectorsInBothConventions) {
  const CeiInputs sample{Eur(6200), Eur(10890), Eur(6340), Eur(3590), 3};
  EXPECT_NEAR(*Cei(sample, CeiConvention::kMonthlyAverageSales), 55.93, 0.005);
  EXPECT_NEAR(*Cei(sample, CeiConvention::kPeriodSales), 79.63, 0.005);
  const CeiInputs gaviti{Eur(100000), Eur(1000000), Eur(120000), Eur(100000), 1};
  EXPECT_NEAR(*Cei(gaviti, CeiConvention::kPeriodSales), 98.00, 0.005);
  EXPECT_NEAR(*Cei(gaviti, CeiConvention::kMonthlyAverageSales), 98.00, 0.005);
  EXPECT_FALSE(Cei({Money(), Money(), Money(), Money(), 1}, CeiConvention::kPeriodSales));
  EXPECT_STREQ(CeiConventionName(CeiConvention::kPeriodSales), "period_sales");
}

TEST(Aging, BucketsByDaysPastDueWithInclusiveUpperBounds) {
  const CalendarDate as_of = Day("2026-03-31");
  EXPECT_EQ(BucketOf(Day("2026-04-15"), as_of), AgingBucket::kNotDue);
  EXPECT_EQ(BucketOf(Day("2026-03-31"), as_of), AgingBucket::kNotDue);  // due today
  EXPECT_EQ(BucketOf(Day("2026-03-30"), as_of), AgingBucket::kDays1To30);
  EXPECT_EQ(BucketOf(Day("2026-03-01"), as_of), AgingBucket::kDays1To30);   // 30 days
  EXPECT_EQ(BucketOf(Day("2026-02-28"), as_of), AgingBucket::kDays31To60);  // 31 days
  EXPECT_EQ(BucketOf(Day("2026-01-30"), as_of), AgingBucket::kDays31To60);  // 60 days
  EXPECT_EQ(BucketOf(Day("2026-01-29"), as_of), AgingBucket::kDays61To90);  // 61 days
  EXPECT_EQ(BucketOf(Day("2025-12-31"), as_of), AgingBucket::kDays61To90);  // 90 days
  EXPECT_EQ(BucketOf(Day("2025-12-30"), as_of), AgingBucket::kOver90);      // 91 days
}

TEST(Aging, CutoffsAgreeWithBucketOf) {
  const CalendarDate as_of = Day("2026-03-31");
  const AgingCutoffs cut = CutoffsAsOf(as_of);
  for (int back = -10; back < 120; ++back) {
    const CalendarDate due = as_of - date::days(back);
    AgingBucket by_cutoff = due >= cut.not_due      ? AgingBucket::kNotDue
                            : due >= cut.days_1_30  ? AgingBucket::kDays1To30
                            : due >= cut.days_31_60 ? AgingBucket::kDays31To60
                            : due >= cut.days_61_90 ? AgingBucket::kDays61To90
                                                    : AgingBucket::kOver90;
    EXPECT_EQ(by_cutoff, BucketOf(due, as_of)) << back;
  }
}

TEST(Aging, TotalsAndOverdue) {
  AgingBuckets buckets;
  buckets[AgingBucket::kNotDue] = Eur(100);
  buckets[AgingBucket::kOver90] = Eur(25);
  AgingBuckets more = buckets;
  more += buckets;
  EXPECT_EQ(more.Total(), Eur(250));
  EXPECT_EQ(more.Overdue(), Eur(50));
  EXPECT_STREQ(AgingBucketName(AgingBucket::kDays61To90), "61_90");
}

TEST(PromiseKeptRatio, CountsOnlyKeptAndBroken) {
  PromiseTally tally;
  tally.kept = 3;
  tally.broken = 1;
  tally.open = 10;
  tally.cancelled = 4;
  EXPECT_DOUBLE_EQ(*PromiseKeptRatio(tally), 0.75);
  EXPECT_FALSE(PromiseKeptRatio(PromiseTally{}).has_value());
}

}  // namespace
}  // namespace duly
