#include "workflows/reports/dso_trend.h"

#include "workflows/reports/receivables_kpis.h"

namespace duly {

std::vector<CalendarDate> TrendDays(CalendarDate as_of, int months) {
  std::vector<CalendarDate> days;
  for (int back = months - 1; back >= 1; --back) {
    days.push_back(LastOfMonth(MonthsBefore(as_of, back)));
  }
  days.push_back(as_of);
  return days;
}

LedgerRange TrendLedgerRange(CalendarDate as_of, int months) {
  const CalendarDate first = TrendDays(as_of, months).front();
  return {first, MonthsBefore(first, kCountBackMonths - 1), as_of};
}

std::vector<DsoPoint> DsoTrend(const ReceivablesLedger& ledger, CalendarDate as_of, int months) {
  std::vector<DsoPoint> points;
  for (CalendarDate day : TrendDays(as_of, months)) {
    DsoPoint point;
    point.day = day;
    point.ar = ledger.ArAt(day);
    const CalendarDate month_start = FirstOfMonth(day);
    point.sales = ledger.SalesBetween(month_start, day);
    point.dso_standard = StandardDso(point.ar, point.sales, DaysBetweenInclusive(month_start, day));
    point.dso_count_back = CountBack(point.ar, ledger.CountBackWindows(day, kCountBackMonths));
    points.push_back(point);
  }
  return points;
}

std::string MonthText(CalendarDate day) { return FormatCalendarDate(day).substr(0, 7); }

}  // namespace duly
