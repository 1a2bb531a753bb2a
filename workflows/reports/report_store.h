// duly::ReportStore: the aggregates the reports are computed from, summed by the database (a
// few rows per call, never the invoices themselves).
//
// Promise (what "open on a day" means; every method is one read):
// - AR is the open amount of invoices (kind invoice; credit notes are not netted until applied,
//   unapplied customer credit is not netted) issued on or before the day, minus what payments
//   and credit notes allocated to them by the end of the day: a payment counts on its value
//   date, a credit note on its issue date, and neither before the invoice's issue date. An
//   invoice written off counts until the UTC day of its write-off (the schema keeps no other
//   write-off date), then drops out with what was open on it.
// - Amounts of all currencies are summed as they are (one currency per installation).
// - Promise states are their current states (the schema keeps no date of keeping or breaking).
// Errors: kUnavailable / kInternal when the database fails; kInvalidArgument naming "/limit"
// for a limit outside 1..1000. Thread-safety: implementations are safe to call concurrently.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "workflows/calendar_date.h"
#include "workflows/money.h"
#include "workflows/reports/aging.h"
#include "workflows/reports/channel_effectiveness.h"
#include "workflows/reports/collector_productivity.h"
#include "workflows/reports/promise_tally.h"
#include "workflows/reports/receivables_ledger.h"
#include "workflows/status.h"

namespace duly {

struct MonthAmount {
  std::string month;  // "2026-03"
  Money amount;
  friend bool operator==(const MonthAmount&, const MonthAmount&) = default;
};

// Cases not yet closed, by how their deadline stands at `now`.
struct CaseDeadlines {
  std::int64_t overdue = 0;      // deadline passed
  std::int64_t within_day = 0;   // deadline in the next 24 hours
  std::int64_t within_week = 0;  // deadline in 1 to 7 days
  std::int64_t later = 0;        // deadline more than 7 days away
  friend bool operator==(const CaseDeadlines&, const CaseDeadlines&) = default;
};

class ReportStore {
 public:
  virtual ~ReportStore() = default;

  // AR open at the end of `as_of`, by aging bucket.
  virtual Result<AgingBuckets> AgingTotals(CalendarDate as_of) = 0;
  // The same per customer: the `limit` customers with the most open (ties by id), largest first.
  virtual Result<std::vector<CustomerAging>> AgingByCustomer(CalendarDate as_of, int limit) = 0;
  // AR at the end of range.to and the movements of each day of the range (receivables_ledger.h).
  virtual Result<ReceivablesLedger> Ledger(const LedgerRange& range) = 0;
  // Payments received (value date) from `from` to `to`, both included, per calendar month,
  // months in order; months without payments are absent.
  virtual Result<std::vector<MonthAmount>> CashCollected(CalendarDate from, CalendarDate to) = 0;
  // Promises whose promised day is from `from` to `to`, both included, by current state.
  virtual Result<PromiseTally> Promises(CalendarDate from, CalendarDate to) = 0;
  // Messages to customers sent in [from, to), per channel and template (ordered so), each
  // counted as followed by payment when a payment posted in [sent, sent + window) was allocated
  // to one of its invoices.
  virtual Result<std::vector<ChannelTally>> Channels(Instant from, Instant to,
                                                     std::chrono::milliseconds window) = 0;
  // Tasks completed (state done) in [from, to) per assignee, ordered by assignee; money
  // collected = payments of the task's customer posted in [completed, completed + window) after
  // each completed call task (a payment after two calls counts for both).
  virtual Result<std::vector<CollectorTally>> Collectors(Instant from, Instant to,
                                                         std::chrono::milliseconds window) = 0;
  // Cases without a closing time, by deadline.
  virtual Result<CaseDeadlines> OpenCasesByDeadline(Instant now) = 0;
};

}  // namespace duly
