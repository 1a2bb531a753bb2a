// duly::ReceivablesLedger: accounts receivable day by day, rebuilt from the AR at the end of a
// day and the movements of the days before it, so a report can ask for the AR at any day of a
// range and the credit sales of any window without going back to the rows.
//
// Promise: AR at the end of day d = AR at the end of `to` minus, for every day after d up to
// `to`, (sales - settled - written off) of that day. Sales are invoices issued (gross); settled
// is what payments and credit notes allocated to invoices, on the later of the payment's value
// date (the credit note's issue date) and the invoice's issue date; written off is the open
// amount of invoices written off that day. ArAt() is defined from the day before `ar_from` to
// `to`; SalesBetween() and the count-back windows from `sales_from` to `to` (earlier days count
// as no sales). Movements outside the ranges are ignored. Immutable after construction;
// thread-safe to read.
#pragma once

#include <map>
#include <vector>

#include "workflows/calendar_date.h"
#include "workflows/money.h"
#include "workflows/reports/dso.h"

namespace duly {

struct LedgerDay {
  CalendarDate day{};
  Money sales;
  Money settled;
  Money written_off;
  friend bool operator==(const LedgerDay&, const LedgerDay&) = default;
};

struct LedgerRange {
  CalendarDate ar_from{};     // ArAt() from the day before this
  CalendarDate sales_from{};  // sales known from this day (<= ar_from)
  CalendarDate to{};          // the last day; ar_at_end is the AR at its end
};

class ReceivablesLedger {
 public:
  ReceivablesLedger() = default;
  // `days` may be sparse and in any order; several entries for one day add up.
  ReceivablesLedger(LedgerRange range, Money ar_at_end, const std::vector<LedgerDay>& days);

  const LedgerRange& range() const { return range_; }
  // AR at the end of `day`. REQUIRES: ar_from - 1 <= day <= to.
  Money ArAt(CalendarDate day) const;
  // Credit sales issued from `from` to `to`, both included (clipped to the sales range).
  Money SalesBetween(CalendarDate from, CalendarDate to) const;
  // Count-back windows ending at `as_of`, newest first: the month-to-date window of as_of's
  // month (1st to as_of), then whole calendar months before it, `months` windows in all, none
  // starting before sales_from (the oldest is clipped or dropped).
  std::vector<SalesWindow> CountBackWindows(CalendarDate as_of, int months) const;

 private:
  LedgerRange range_{};
  Money ar_at_end_;
  std::map<CalendarDate, LedgerDay> days_;
};

// The first and last day of the calendar month holding `day`.
CalendarDate FirstOfMonth(CalendarDate day);
CalendarDate LastOfMonth(CalendarDate day);
// Calendar days from `from` to `to`, both included.
int DaysBetweenInclusive(CalendarDate from, CalendarDate to);

}  // namespace duly
