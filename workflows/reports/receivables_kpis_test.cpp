// The ledger, the period KPIs and the DSO trend on a small fixed data set computed by hand.
#include "workflows/reports/receivables_kpis.h"

#include <gtest/gtest.h>

#include "workflows/reports/channel_effectiveness.h"
#include "workflows/reports/dso_trend.h"

namespace duly {
namespace {

Money Eur(std::int64_t euros) { return Money::FromCents(euros * 100); }
CalendarDate Day(const char* text) { return *ParseCalendarDate(text); }

// AR 1,000 at the end of 2026-03-31. Movements: invoices of 900 (2026-01-05), 400 (2026-02-15)
// and 600 (2026-03-10); 300 settled on 2026-03-20; 50 written off on 2026-03-25.
std::vector<LedgerDay> Movements() {
  return {{Day("2026-03-10"), Eur(600), Money(), Money()},
          {Day("2026-03-20"), Money(), Eur(300), Money()},
          {Day("2026-03-25"), Money(), Money(), Eur(50)},
          {Day("2026-02-15"), Eur(400), Money(), Money()},
          {Day("2026-01-05"), Eur(900), Money(), Money()},
          {Day("2025-01-31"), Eur(999), Money(), Money()}};  // before every range: ignored
}

TEST(ReceivablesLedger, ArOnEveryDayFromTheEndBackwards) {
  ReceivablesLedger ledger({Day("2026-03-01"), Day("2025-04-01"), Day("2026-03-31")}, Eur(1000),
                           Movements());
  EXPECT_EQ(ledger.ArAt(Day("2026-03-31")), Eur(1000));
  EXPECT_EQ(ledger.ArAt(Day("2026-03-25")), Eur(1000));
  EXPECT_EQ(ledger.ArAt(Day("2026-03-24")), Eur(1050));  // before the write-off
  EXPECT_EQ(ledger.ArAt(Day("2026-03-19")), Eur(1350));  // before the settlement
  EXPECT_EQ(ledger.ArAt(Day("2026-03-09")), Eur(750));   // before the March invoice
  EXPECT_EQ(ledger.ArAt(Day("2026-02-28")), Eur(750));
  EXPECT_EQ(ledger.SalesBetween(Day("2026-01-01"), Day("2026-03-31")), Eur(1900));
  EXPECT_EQ(ledger.SalesBetween(Day("2026-03-11"), Day("2026-03-31")), Money());
}

TEST(ReceivablesLedger, CountBackWindowsAreCalendarMonthsNewestFirst) {
  ReceivablesLedger ledger({Day("2026-03-01"), Day("2025-12-10"), Day("2026-03-31")}, Eur(1000),
                           Movements());
  const std::vector<SalesWindow> windows = ledger.CountBackWindows(Day("2026-03-15"), 12);
  // March 1-15, February, January, December 10-31 (clipped at sales_from).
  ASSERT_EQ(windows.size(), 4u);
  EXPECT_EQ(windows[0], (SalesWindow{Eur(600), 15}));
  EXPECT_EQ(windows[1], (SalesWindow{Eur(400), 28}));
  EXPECT_EQ(windows[2], (SalesWindow{Eur(900), 31}));
  EXPECT_EQ(windows[3], (SalesWindow{Money(), 22}));
  EXPECT_EQ(ledger.CountBackWindows(Day("2026-03-31"), 2).size(), 2u);
}

TEST(ReceivablesKpis, MarchOnTheFixedDataSet) {
  const ReportPeriod march{Day("2026-03-01"), Day("2026-03-31")};
  const LedgerRange range = KpiLedgerRange(march);
  EXPECT_EQ(range.ar_from, Day("2026-03-01"));
  EXPECT_EQ(range.sales_from, Day("2025-04-01"));
  ReceivablesLedger ledger(range, Eur(1000), Movements());
  PromiseTally promises;
  promises.kept = 2;
  promises.broken = 1;
  const ReceivablesKpis kpis = ComputeKpis(march, ledger, Eur(200), Eur(300), promises);
  EXPECT_EQ(kpis.beginning_ar, Eur(750));
  EXPECT_EQ(kpis.ending_ar, Eur(1000));
  EXPECT_EQ(kpis.credit_sales, Eur(600));
  EXPECT_EQ(kpis.cash_collected, Eur(300));
  EXPECT_NEAR(*kpis.dso_standard, 51.6667, 0.0001);  // 1000 / 600 x 31
  EXPECT_DOUBLE_EQ(kpis.dso_count_back.days, 59.0);  // March 600 (31 d) + February 400 (28 d)
  EXPECT_TRUE(kpis.dso_count_back.exhausted);
  EXPECT_NEAR(*kpis.best_possible_dso, 10.3333, 0.0001);        // 200 / 600 x 31
  EXPECT_NEAR(*kpis.average_days_delinquent, 41.3333, 0.0001);  // 51.67 - 10.33
  EXPECT_NEAR(*kpis.cei, 30.4348, 0.0001);  // (750 + 600 - 1000) / (750 + 600 - 200)
  EXPECT_NEAR(*kpis.promise_kept_ratio, 2.0 / 3.0, 1e-12);
}

TEST(ReportPeriod, MonthsAndChecks) {
  EXPECT_EQ((ReportPeriod{Day("2026-01-15"), Day("2026-03-02")}).months(), 3);
  EXPECT_EQ((ReportPeriod{Day("2025-12-31"), Day("2026-01-01")}).months(), 2);
  EXPECT_TRUE(CheckPeriod({Day("2026-03-01"), Day("2026-03-01")}));
  Status backwards = CheckPeriod({Day("2026-03-02"), Day("2026-03-01")});
  ASSERT_FALSE(backwards);
  EXPECT_EQ(backwards.error().fields.at(0).field, "from");
  EXPECT_FALSE(CheckPeriod({Day("2010-01-01"), Day("2026-03-01")}));
  EXPECT_EQ(MonthsBefore(Day("2026-03-31"), 11), Day("2025-04-01"));
}

TEST(DsoTrend, MonthEndsOldestFirstOnTheFixedDataSet) {
  const CalendarDate as_of = Day("2026-03-31");
  const LedgerRange range = TrendLedgerRange(as_of, 3);
  EXPECT_EQ(range.ar_from, Day("2026-01-31"));
  EXPECT_EQ(range.sales_from, Day("2025-02-01"));
  ReceivablesLedger ledger(range, Eur(1000), Movements());
  const std::vector<DsoPoint> trend = DsoTrend(ledger, as_of, 3);
  ASSERT_EQ(trend.size(), 3u);
  EXPECT_EQ(trend[0].day, Day("2026-01-31"));
  EXPECT_EQ(trend[0].ar, Eur(350));
  EXPECT_EQ(trend[0].sales, Eur(900));
  EXPECT_NEAR(*trend[0].dso_standard, 12.0556, 0.0001);  // 350 / 900 x 31
  EXPECT_NEAR(trend[0].dso_count_back.days, 12.0556, 0.0001);
  EXPECT_EQ(trend[1].day, Day("2026-02-28"));
  EXPECT_EQ(trend[1].ar, Eur(750));
  EXPECT_NEAR(*trend[1].dso_standard, 52.5, 1e-9);             // 750 / 400 x 28
  EXPECT_NEAR(trend[1].dso_count_back.days, 40.0556, 0.0001);  // 28 + 350 / 900 x 31
  EXPECT_EQ(trend[2].ar, Eur(1000));
  EXPECT_DOUBLE_EQ(trend[2].dso_count_back.days, 59.0);
  EXPECT_EQ(MonthText(trend[2].day), "2026-03");
  // Month to date: the last point is as_of itself.
  const std::vector<DsoPoint> mid = DsoTrend(ledger, Day("2026-03-15"), 2);
  ASSERT_EQ(mid.size(), 2u);
  EXPECT_EQ(mid[1].ar, Eur(1350));
  EXPECT_NEAR(*mid[1].dso_standard, 33.75, 1e-9);  // 1350 / 600 x 15
}

TEST(ChannelTally, RollsTemplatesUpPerChannel) {
  const std::vector<ChannelTally> rows = ByChannel(
      {{"sms", "reminder-1", 4, 1}, {"email", "reminder-1", 10, 3}, {"email", "reminder-2", 5, 2}});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (ChannelTally{"email", "", 15, 5}));
  EXPECT_EQ(rows[1], (ChannelTally{"sms", "", 4, 1}));
}

}  // namespace
}  // namespace duly
