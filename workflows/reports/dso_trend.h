// duly::DsoPoint and DsoTrend(): the DSO trend a dashboard draws, one point per month.
//
// Promise: the points are the ends of the `months` calendar months up to `as_of`, oldest first;
// the last point is `as_of` itself (month to date). Each point carries the AR at its end, the
// credit sales of its month (up to the point), the standard DSO over those days and the
// count-back DSO over kCountBackMonths windows (receivables_kpis.h). TrendLedgerRange() names
// the ledger DsoTrend needs. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "workflows/calendar_date.h"
#include "workflows/money.h"
#include "workflows/reports/dso.h"
#include "workflows/reports/receivables_ledger.h"

namespace duly {

inline constexpr int kTrendMonths = 12;

struct DsoPoint {
  CalendarDate day{};  // the month's last day, or as_of for the last point
  Money ar;
  Money sales;
  std::optional<double> dso_standard;
  CountBackDso dso_count_back;
};

// The days of the trend, oldest first. REQUIRES: months >= 1.
std::vector<CalendarDate> TrendDays(CalendarDate as_of, int months);
LedgerRange TrendLedgerRange(CalendarDate as_of, int months);
// REQUIRES: ledger.range() covers TrendLedgerRange(as_of, months).
std::vector<DsoPoint> DsoTrend(const ReceivablesLedger& ledger, CalendarDate as_of, int months);

// "2026-03" for any day of March 2026.
std::string MonthText(CalendarDate day);

}  // namespace duly
