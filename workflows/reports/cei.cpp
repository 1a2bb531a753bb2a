#include "workflows/reports/cei.h"

namespace duly {

const char* CeiConventionName(CeiConvention convention) {
  return convention == CeiConvention::kPeriodSales ? "period_sales" : "monthly_average_sales";
}

std::optional<double> Cei(const CeiInputs& inputs, CeiConvention convention) {
  double sales = static_cast<double>(inputs.credit_sales.cents());
  if (convention == CeiConvention::kMonthlyAverageSales) {
    sales /= inputs.months < 1 ? 1 : inputs.months;
  }
  const double beginning = static_cast<double>(inputs.beginning_ar.cents());
  const double collected = beginning + sales - static_cast<double>(inputs.ending_total_ar.cents());
  const double collectible =
      beginning + sales - static_cast<double>(inputs.ending_current_ar.cents());
  if (collectible <= 0) return std::nullopt;
  return collected / collectible * 100.0;
}

}  // namespace duly
