#include "workflows/reports/receivables_ledger.h"

#include <algorithm>

namespace duly {

CalendarDate FirstOfMonth(CalendarDate day) {
  const date::year_month_day ymd(day);
  return CalendarDate(ymd.year() / ymd.month() / date::day(1));
}

CalendarDate LastOfMonth(CalendarDate day) {
  const date::year_month_day ymd(day);
  return CalendarDate(ymd.year() / ymd.month() / date::last);
}

int DaysBetweenInclusive(CalendarDate from, CalendarDate to) {
  return static_cast<int>((to - from).count()) + 1;
}

ReceivablesLedger::ReceivablesLedger(LedgerRange range, Money ar_at_end,
                                     const std::vector<LedgerDay>& days)
    : range_(range), ar_at_end_(ar_at_end) {
  for (const LedgerDay& day : days) {
    if (day.day < range_.sales_from || day.day > range_.to) continue;
    LedgerDay& into = days_[day.day];
    into.day = day.day;
    into.sales += day.sales;
    if (day.day >= range_.ar_from) {
      into.settled += day.settled;
      into.written_off += day.written_off;
    }
  }
}

Money ReceivablesLedger::ArAt(CalendarDate day) const {
  Money ar = ar_at_end_;
  for (auto it = days_.upper_bound(day); it != days_.end(); ++it) {
    ar -= it->second.sales - it->second.settled - it->second.written_off;
  }
  return ar;
}

Money ReceivablesLedger::SalesBetween(CalendarDate from, CalendarDate to) const {
  Money sales;
  for (auto it = days_.lower_bound(from); it != days_.end() && it->first <= to; ++it) {
    sales += it->second.sales;
  }
  return sales;
}

std::vector<SalesWindow> ReceivablesLedger::CountBackWindows(CalendarDate as_of, int months) const {
  std::vector<SalesWindow> windows;
  CalendarDate end = as_of;
  for (int i = 0; i < months; ++i) {
    CalendarDate start = std::max(FirstOfMonth(end), range_.sales_from);
    if (start > end) break;
    windows.push_back({SalesBetween(start, end), DaysBetweenInclusive(start, end)});
    if (start == range_.sales_from) break;
    end = start - date::days(1);
  }
  return windows;
}

}  // namespace duly
