// Store conformance: the ReportStore (SociReportStore) on the fixed data set of report_sample.h,
// against figures computed by hand (euros; every invoice, payment and allocation is listed there).
#include "daemon/store/report_sample.h"
#include "daemon/store/soci_report_store.h"
#include "daemon/store/store_conformance.h"

namespace duly::daemon {
namespace {

Money Eur(long long euros) { return Money::FromCents(euros * 100); }
CalendarDate Day(const char* text) { return *ParseCalendarDate(text); }

AgingBuckets Buckets(long long not_due, long long d1_30, long long d31_60, long long d61_90,
                     long long over_90) {
  AgingBuckets buckets;
  buckets.amounts = {Eur(not_due), Eur(d1_30), Eur(d31_60), Eur(d61_90), Eur(over_90)};
  return buckets;
}

// Seeds the sample and returns a report store over the test's database.
std::unique_ptr<SociReportStore> Sample(SociStore& store, ManualClock& clock) {
  SeedReportSample(store, clock);
  return std::make_unique<SociReportStore>(store.SharedConnections(), store.clock());
}

TEST_P(StoreConformance, ReportsAgingAsOfTodayAndPastDays) {
  // 2026-03-31: A2 400 (28 days late), B1 800 (66), B2 300 (due today), C1 500 (136); C2 was
  // written off on 2026-03-20.
  auto reports = Sample(*store_, clock_);
  ASSERT_FALSE(HasFatalFailure());
  auto today = reports->AgingTotals(Day("2026-03-31"));
  ASSERT_TRUE(today.has_value()) << today.error().message;
  EXPECT_EQ(*today, Buckets(300, 400, 0, 800, 500));
  // 2026-02-28: A2 500 (CN1 came 03-10), B1 2000 (P2 came 03-15), C1 500, C2 250 (14 days late,
  // not yet written off); B2 was not issued.
  auto february = reports->AgingTotals(Day("2026-02-28"));
  ASSERT_TRUE(february.has_value());
  EXPECT_EQ(*february, Buckets(500, 250, 2000, 0, 500));
  // 2026-01-31: A1 1000 and C2 250 not due, B1 2000 7 days late, C1 500 77 days late.
  auto january = reports->AgingTotals(Day("2026-01-31"));
  ASSERT_TRUE(january.has_value());
  EXPECT_EQ(*january, Buckets(1250, 2000, 0, 500, 0));
  // Before C1 was issued nothing was open, although P3's value date is earlier.
  auto before = reports->AgingTotals(Day("2025-10-31"));
  ASSERT_TRUE(before.has_value());
  EXPECT_EQ(before->Total(), Money());
}

TEST_P(StoreConformance, ReportsAgingPerCustomerLargestFirst) {
  auto reports = Sample(*store_, clock_);
  ASSERT_FALSE(HasFatalFailure());
  auto rows = reports->AgingByCustomer(Day("2026-02-28"), 10);
  ASSERT_TRUE(rows.has_value()) << rows.error().message;
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0], (CustomerAging{"B", "Customer B", Buckets(0, 0, 2000, 0, 0)}));
  EXPECT_EQ((*rows)[1], (CustomerAging{"C", "Customer C", Buckets(0, 250, 0, 0, 500)}));
  EXPECT_EQ((*rows)[2], (CustomerAging{"A", "Customer A", Buckets(500, 0, 0, 0, 0)}));
  auto top = reports->AgingByCustomer(Day("2026-03-31"), 1);
  ASSERT_TRUE(top.has_value());
  ASSERT_EQ(top->size(), 1u);
  EXPECT_EQ((*top)[0].buckets, Buckets(300, 0, 0, 800, 0));
  auto bad = reports->AgingByCustomer(Day("2026-03-31"), 0);
  ASSERT_FALSE(bad.has_value());
  EXPECT_TRUE(HasField(bad.error(), "/limit"));
}

TEST_P(StoreConformance, ReportsLedgerAgreesWithAgingOnEveryDay) {
  auto reports = Sample(*store_, clock_);
  ASSERT_FALSE(HasFatalFailure());
  const LedgerRange range{Day("2025-10-01"), Day("2025-10-01"), Day("2026-03-31")};
  auto ledger = reports->Ledger(range);
  ASSERT_TRUE(ledger.has_value()) << ledger.error().message;
  EXPECT_EQ(ledger->ArAt(Day("2026-03-31")), Eur(2000));
  EXPECT_EQ(ledger->ArAt(Day("2026-03-19")), Eur(2250));  // before the write-off of C2
  EXPECT_EQ(ledger->ArAt(Day("2026-02-28")), Eur(3250));
  EXPECT_EQ(ledger->ArAt(Day("2026-01-31")), Eur(3750));
  EXPECT_EQ(ledger->ArAt(Day("2025-10-31")), Money());
  // Sales: C1 800, A1 1000, B1 2000, C2 250, A2 500, B2 300 (the credit note is not a sale).
  EXPECT_EQ(ledger->SalesBetween(Day("2025-10-01"), Day("2026-03-31")), Eur(4850));
  EXPECT_EQ(ledger->SalesBetween(Day("2026-03-01"), Day("2026-03-31")), Eur(300));
  for (const char* day : {"2025-11-01", "2026-01-10", "2026-02-20", "2026-03-10", "2026-03-15"}) {
    auto aging = reports->AgingTotals(Day(day));
    ASSERT_TRUE(aging.has_value());
    EXPECT_EQ(ledger->ArAt(Day(day)), aging->Total()) << day;
  }
}

TEST_P(StoreConformance, ReportsCashPromisesChannelsCollectorsCases) {
  auto reports = Sample(*store_, clock_);
  ASSERT_FALSE(HasFatalFailure());
  auto cash = reports->CashCollected(Day("2025-10-01"), Day("2026-03-31"));
  ASSERT_TRUE(cash.has_value()) << cash.error().message;
  EXPECT_EQ(*cash, (std::vector<MonthAmount>{
                       {"2025-10", Eur(300)}, {"2026-02", Eur(1000)}, {"2026-03", Eur(1200)}}));

  auto promises = reports->Promises(Day("2026-03-01"), Day("2026-03-31"));
  ASSERT_TRUE(promises.has_value()) << promises.error().message;
  PromiseTally march;
  march.kept = 2;
  march.broken = 1;
  march.open = 1;
  march.cancelled = 1;
  march.kept_amount = Eur(1600);
  march.broken_amount = Eur(400);
  EXPECT_EQ(*promises, march);

  const auto week = std::chrono::milliseconds(std::chrono::days(7));
  auto channels = reports->Channels(SampleAt("2026-02-01", 0), SampleAt("2026-04-01", 0), week);
  ASSERT_TRUE(channels.has_value()) << channels.error().message;
  // email/reminder-1: B1 03-14 (P2 a day later), A1 02-15 (P1 5 days later), B1 03-01 (P2 14
  // days later: too late); the colleague message and the failed one do not count.
  EXPECT_EQ(*channels, (std::vector<ChannelTally>{{"email", "reminder-1", 3, 2},
                                                  {"email", "reminder-2", 1, 0},
                                                  {"sms", "reminder-1", 1, 0}}));

  auto collectors = reports->Collectors(SampleAt("2026-02-01", 0), SampleAt("2026-04-01", 0), week);
  ASSERT_TRUE(collectors.has_value()) << collectors.error().message;
  ASSERT_EQ(collectors->size(), 2u);
  EXPECT_EQ((*collectors)[0],
            (CollectorTally{"K1", 2, {{"promise", 1}, {"reached", 1}}, 1, Eur(1200)}));
  EXPECT_EQ((*collectors)[1], (CollectorTally{"K2", 2, {{"promise", 1}}, 1, Eur(1000)}));

  auto cases = reports->OpenCasesByDeadline(SampleAt("2026-03-31", 12));
  ASSERT_TRUE(cases.has_value()) << cases.error().message;
  EXPECT_EQ(*cases, (CaseDeadlines{1, 1, 1, 1}));
}

}  // namespace
}  // namespace duly::daemon
