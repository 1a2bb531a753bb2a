// duly::daemon::SociReportStore: the ReportStore (workflows/reports/report_store.h) over the
// SociStore's connections, for SQLite and PostgreSQL.
//
// Promise: every method is one read on a reader session that sums in the database (GROUP BY),
// returning a handful of rows whatever the number of invoices; the indexes and
// allocations.settled_on of migration 0010 keep each query an index range. AR on a past day
// adds back to today's open amounts what was settled after that day (settled_on), so asking for
// today reads only open invoices. Errors as ReportStore. Thread-safety: safe to call
// concurrently; the Connections (shared with the SociStore) and the Clock must outlive it.
#pragma once

#include <memory>

#include "daemon/store/store_transactions.h"
#include "workflows/reports/report_store.h"

namespace duly::daemon {

class SociReportStore final : public ReportStore, protected StoreTransactions {
 public:
  // Built as SociReportStore(store.SharedConnections(), store.clock()).
  SociReportStore(std::shared_ptr<Connections> connections, const Clock& clock)
      : StoreTransactions(std::move(connections), clock) {}

  Result<AgingBuckets> AgingTotals(CalendarDate as_of) override;
  Result<std::vector<CustomerAging>> AgingByCustomer(CalendarDate as_of, int limit) override;
  Result<ReceivablesLedger> Ledger(const LedgerRange& range) override;
  Result<std::vector<MonthAmount>> CashCollected(CalendarDate from, CalendarDate to) override;
  Result<PromiseTally> Promises(CalendarDate from, CalendarDate to) override;
  Result<std::vector<ChannelTally>> Channels(Instant from, Instant to,
                                             std::chrono::milliseconds window) override;
  Result<std::vector<CollectorTally>> Collectors(Instant from, Instant to,
                                                 std::chrono::milliseconds window) override;
  Result<CaseDeadlines> OpenCasesByDeadline(Instant now) override;
};

}  // namespace duly::daemon
