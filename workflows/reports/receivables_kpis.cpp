#include "workflows/reports/receivables_kpis.h"

#include <algorithm>

namespace duly {

int ReportPeriod::months() const {
  const date::year_month_day a(from);
  const date::year_month_day b(to);
  return (static_cast<int>(b.year()) - static_cast<int>(a.year())) * 12 +
         static_cast<int>(static_cast<unsigned>(b.month())) -
         static_cast<int>(static_cast<unsigned>(a.month())) + 1;
}

Status CheckPeriod(const ReportPeriod& period) {
  if (period.from > period.to) {
    return FieldInvalid("from", "must be on or before to (" + FormatCalendarDate(period.to) +
                                    "); it is " + FormatCalendarDate(period.from));
  }
  if (period.days() > 3660) {
    return FieldInvalid(
        "from", "the period may span at most 3660 days; it spans " + std::to_string(period.days()));
  }
  return Status::Ok();
}

CalendarDate MonthsBefore(CalendarDate day, int months) {
  const date::year_month_day ymd(day);
  const date::year_month month = date::year_month(ymd.year(), ymd.month()) - date::months(months);
  return CalendarDate(month / date::day(1));
}

LedgerRange KpiLedgerRange(const ReportPeriod& period) {
  const CalendarDate count_back_from = MonthsBefore(period.to, kCountBackMonths - 1);
  return {period.from, std::min(period.from, count_back_from), period.to};
}

ReceivablesKpis ComputeKpis(const ReportPeriod& period, const ReceivablesLedger& ledger,
                            Money ending_current_ar, Money cash_collected,
                            const PromiseTally& promises) {
  ReceivablesKpis kpis;
  kpis.period = period;
  kpis.beginning_ar = ledger.ArAt(period.from - date::days(1));
  kpis.ending_ar = ledger.ArAt(period.to);
  kpis.ending_current_ar = ending_current_ar;
  kpis.credit_sales = ledger.SalesBetween(period.from, period.to);
  kpis.cash_collected = cash_collected;
  kpis.dso_standard = StandardDso(kpis.ending_ar, kpis.credit_sales, period.days());
  kpis.dso_count_back =
      CountBack(kpis.ending_ar, ledger.CountBackWindows(period.to, kCountBackMonths));
  kpis.best_possible_dso = BestPossibleDso(ending_current_ar, kpis.credit_sales, period.days());
  kpis.average_days_delinquent = AverageDaysDelinquent(kpis.dso_standard, kpis.best_possible_dso);
  kpis.cei = Cei(
      {kpis.beginning_ar, kpis.credit_sales, kpis.ending_ar, ending_current_ar, period.months()},
      kReportCeiConvention);
  kpis.promises = promises;
  kpis.promise_kept_ratio = PromiseKeptRatio(promises);
  return kpis;
}

}  // namespace duly
