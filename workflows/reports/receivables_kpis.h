// duly::ReceivablesKpis: the receivables KPIs of a period, computed from the ledger, the
// current AR at the period's end, the cash collected and the promises due in it.
//
// Promise: for the period [from, to] (days = to - from + 1, months = calendar months touched):
// beginning AR = AR at the end of from - 1; ending AR = AR at the end of `to`; credit sales =
// invoices issued in the period; standard DSO over the period's days; count-back DSO over
// kCountBackMonths windows ending at `to` (dso.h); best possible DSO from the ending current AR;
// average days delinquent = standard DSO - best possible DSO; CEI with the period's total sales
// (CeiConvention::kPeriodSales, cei.h). KpiLedgerRange() names the ledger ComputeKpis needs.
// Pure; thread-safe.
#pragma once

#include <optional>

#include "workflows/calendar_date.h"
#include "workflows/money.h"
#include "workflows/reports/cei.h"
#include "workflows/reports/dso.h"
#include "workflows/reports/promise_tally.h"
#include "workflows/reports/receivables_ledger.h"
#include "workflows/status.h"

namespace duly {

inline constexpr int kCountBackMonths = 12;
inline constexpr CeiConvention kReportCeiConvention = CeiConvention::kPeriodSales;

struct ReportPeriod {
  CalendarDate from{};
  CalendarDate to{};
  int days() const { return DaysBetweenInclusive(from, to); }
  int months() const;  // calendar months from from's to to's, both included
};

// kInvalidArgument naming "from" when from is after to, or the period exceeds 3660 days.
Status CheckPeriod(const ReportPeriod& period);

struct ReceivablesKpis {
  ReportPeriod period;
  Money beginning_ar;
  Money ending_ar;
  Money ending_current_ar;
  Money credit_sales;
  Money cash_collected;
  std::optional<double> dso_standard;
  CountBackDso dso_count_back;
  std::optional<double> best_possible_dso;
  std::optional<double> average_days_delinquent;
  std::optional<double> cei;
  PromiseTally promises;
  std::optional<double> promise_kept_ratio;
};

// The ledger range ComputeKpis reads: AR from period.from, sales from the first day of the
// oldest count-back window.
LedgerRange KpiLedgerRange(const ReportPeriod& period);

// REQUIRES: ledger.range() covers KpiLedgerRange(period).
ReceivablesKpis ComputeKpis(const ReportPeriod& period, const ReceivablesLedger& ledger,
                            Money ending_current_ar, Money cash_collected,
                            const PromiseTally& promises);

// The first day of the month `months` calendar months before the month of `day`.
CalendarDate MonthsBefore(CalendarDate day, int months);

}  // namespace duly
