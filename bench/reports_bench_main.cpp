// duly_reports_bench: how long the report queries take over 100,000 customers and 1,000,000
// invoices on SQLite (not a test; run by hand, see bench/CMakeLists.txt).
//
//   duly_reports_bench [DATABASE_URL=sqlite:///tmp/duly-reports-bench.db] [customers=100000]
//                      [invoices=1000000] [runs=7]
//
// Loads through the store's bulk path (UpsertCustomers, UpsertInvoices and PostPayments in
// batches of 10,000, each batch one transaction) unless the database already holds the
// invoices: invoices issued evenly over the 24 months up to 2026-03-31, due 30 days later,
// EUR 100 to 600; about 80 % are paid in full by a payment whose value date lies 10 days before
// to 30 days after the due date (when that is not after 2026-03-31). Then runs each report the
// way GET /v1/reports/... does (the same store calls and pure functions) `runs` times and prints
// p50 and max per report. Aim: under 500 ms each on SQLite.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "daemon/store/soci_report_store.h"
#include "daemon/store/soci_store.h"
#include "workflows/reports/dso_trend.h"
#include "workflows/reports/receivables_kpis.h"

namespace {

using duly::CalendarDate;
using duly::Money;
using Clock = std::chrono::steady_clock;

const CalendarDate kAsOf = duly::ParseCalendarDate("2026-03-31").value();

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// A stable pseudo-random number for invoice i.
unsigned long Mix(unsigned long i) {
  i ^= i >> 33;
  i *= 0xff51afd7ed558ccdUL;
  i ^= i >> 33;
  return i;
}

bool Load(duly::daemon::SociStore& store, duly::ManualClock& clock, long customers, long invoices) {
  const duly::Actor actor{"bench"};
  constexpr long kBatch = 10000;
  clock.Set(duly::Instant(kAsOf) + std::chrono::hours(12));
  auto start = Clock::now();
  for (long first = 0; first < customers; first += kBatch) {
    std::vector<duly::Customer> items;
    for (long i = first; i < std::min(customers, first + kBatch); ++i) {
      duly::Customer c;
      c.id = "C" + std::to_string(i);
      c.name = "Customer " + std::to_string(i);
      items.push_back(std::move(c));
    }
    if (auto done = store.UpsertCustomers(items, actor); !done) {
      std::fprintf(stderr, "customers: %s\n", done.error().message.c_str());
      return false;
    }
  }
  std::printf("loaded %ld customers in %.1f s\n", customers, Seconds(start));
  start = Clock::now();
  long paid = 0;
  for (long first = 0; first < invoices; first += kBatch) {
    std::vector<duly::Invoice> items;
    std::vector<duly::Payment> payments;
    for (long i = first; i < std::min(invoices, first + kBatch); ++i) {
      const unsigned long mix = Mix(static_cast<unsigned long>(i));
      duly::Invoice invoice;
      invoice.id = "INV-" + std::to_string(i);
      invoice.customer = "C" + std::to_string(mix % static_cast<unsigned long>(customers));
      invoice.issued = kAsOf - date::days(729 - i * 730 / invoices);
      invoice.due = invoice.issued + date::days(30);
      invoice.amount = Money::FromCents(10000 + static_cast<long>(mix % 50000));
      items.push_back(invoice);
      const CalendarDate received = invoice.due + date::days(static_cast<long>(mix / 7 % 41) - 10);
      if (mix / 1000 % 100 < 80 && received <= kAsOf) {
        duly::Payment payment;
        payment.id = "PAY-" + std::to_string(i);
        payment.customer = invoice.customer;
        payment.amount = invoice.amount;
        payment.received = received;
        payment.allocations = {{invoice.id, invoice.amount}};
        payments.push_back(std::move(payment));
      }
    }
    if (auto done = store.UpsertInvoices(items, actor); !done) {
      std::fprintf(stderr, "invoices: %s\n", done.error().message.c_str());
      return false;
    }
    if (auto done = store.PostPayments(payments, actor); !done) {
      std::fprintf(stderr, "payments: %s\n", done.error().message.c_str());
      return false;
    }
    paid += static_cast<long>(payments.size());
  }
  std::printf("loaded %ld invoices and %ld payments in %.1f s\n", invoices, paid, Seconds(start));
  return true;
}

void Time(const char* name, int runs, const std::function<bool()>& report) {
  std::vector<double> ms;
  for (int run = 0; run < runs; ++run) {
    const auto start = Clock::now();
    if (!report()) {
      std::fprintf(stderr, "%s failed\n", name);
      return;
    }
    ms.push_back(Seconds(start) * 1000);
  }
  std::sort(ms.begin(), ms.end());
  std::printf("%-10s p50 %7.1f ms   max %7.1f ms   (%d runs)\n", name, ms[ms.size() / 2], ms.back(),
              runs);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string url_text = argc > 1 ? argv[1] : "sqlite:///tmp/duly-reports-bench.db";
  const long customers = argc > 2 ? std::stol(argv[2]) : 100000;
  const long invoices = argc > 3 ? std::stol(argv[3]) : 1000000;
  const int runs = argc > 4 ? std::stoi(argv[4]) : 7;
  auto url = duly::daemon::DatabaseUrl::Parse(url_text);
  if (!url || customers < 1 || invoices < 1 || runs < 1) {
    std::fprintf(stderr, "usage: %s [DATABASE_URL] [customers] [invoices] [runs]\n", argv[0]);
    return 2;
  }
  duly::ManualClock clock(duly::Instant(kAsOf) + std::chrono::hours(12));
  auto store = duly::daemon::OpenStore(*url, clock);
  if (!store) {
    std::fprintf(stderr, "%s\n", store.error().message.c_str());
    return 1;
  }
  auto last = (*store)->GetInvoice("INV-" + std::to_string(invoices - 1));
  if (!last && !Load(**store, clock, customers, invoices)) return 1;
  if (last) std::printf("reusing the %ld invoices already in %s\n", invoices, url_text.c_str());
  duly::daemon::SociReportStore reports((*store)->SharedConnections(), (*store)->clock());

  Time("dashboard", runs, [&] {
    auto ledger = reports.Ledger(duly::TrendLedgerRange(kAsOf, duly::kTrendMonths));
    auto aging = reports.AgingTotals(kAsOf);
    auto cash = reports.CashCollected(duly::MonthsBefore(kAsOf, duly::kTrendMonths - 1), kAsOf);
    auto cases = reports.OpenCasesByDeadline(clock.Now());
    if (!ledger || !aging || !cash || !cases) return false;
    return duly::DsoTrend(*ledger, kAsOf, duly::kTrendMonths).size() == 12;
  });
  Time("aging", runs, [&] {
    auto totals = reports.AgingTotals(kAsOf);
    auto customers_aging = reports.AgingByCustomer(kAsOf, 100);
    return totals && customers_aging;
  });
  const duly::ReportPeriod march{kAsOf - date::days(30), kAsOf};
  Time("kpis", runs, [&] {
    auto ledger = reports.Ledger(duly::KpiLedgerRange(march));
    auto ending = reports.AgingTotals(march.to);
    auto cash = reports.CashCollected(march.from, march.to);
    auto promises = reports.Promises(march.from, march.to);
    if (!ledger || !ending || !cash || !promises) return false;
    duly::ComputeKpis(march, *ledger, (*ending)[duly::AgingBucket::kNotDue], Money(), *promises);
    return true;
  });
  const CalendarDate year_ago = kAsOf - date::days(365);
  Time("aging-1y", runs, [&] {
    auto totals = reports.AgingTotals(year_ago);
    auto customers_aging = reports.AgingByCustomer(year_ago, 100);
    return totals && customers_aging;
  });
  auto totals = reports.AgingTotals(kAsOf);
  if (totals) {
    std::printf("AR at %s: %s (not due %s, over 90 %s)\n", duly::FormatCalendarDate(kAsOf).c_str(),
                totals->Total().ToString().c_str(),
                (*totals)[duly::AgingBucket::kNotDue].ToString().c_str(),
                (*totals)[duly::AgingBucket::kOver90].ToString().c_str());
  }
  return 0;
}
