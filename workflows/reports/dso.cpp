#include "workflows/reports/dso.h"

namespace duly {
namespace {

double Cents(Money amount) { return static_cast<double>(amount.cents()); }

}  // namespace

std::optional<double> StandardDso(Money ending_ar, Money credit_sales, int days) {
  if (credit_sales.cents() <= 0) return std::nullopt;
  return Cents(ending_ar) / Cents(credit_sales) * days;
}

CountBackDso CountBack(Money ending_ar, const std::vector<SalesWindow>& newest_first) {
  CountBackDso result;
  Money remaining = ending_ar;
  if (remaining.cents() <= 0) return result;
  for (const SalesWindow& window : newest_first) {
    if (remaining >= window.sales) {
      result.days += window.days;
      remaining -= window.sales;
      if (remaining.cents() == 0) return result;
    } else {
      result.days += Cents(remaining) / Cents(window.sales) * window.days;
      return result;
    }
  }
  result.exhausted = false;
  return result;
}

std::optional<double> BestPossibleDso(Money current_ar, Money credit_sales, int days) {
  return StandardDso(current_ar, credit_sales, days);
}

std::optional<double> AverageDaysDelinquent(std::optional<double> dso,
                                            std::optional<double> best_possible_dso) {
  if (!dso || !best_possible_dso) return std::nullopt;
  return *dso - *best_possible_dso;
}

}  // namespace duly
