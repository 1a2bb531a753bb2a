// The collection effectiveness index (RULES.md 6.3).
//
// Promise: CEI = (beginning AR + credit sales - ending total AR) /
//                (beginning AR + credit sales - ending current AR) x 100,
// in percent. The convention for credit sales over a period of several months is explicit:
// kPeriodSales plugs in the period's total credit sales (duly's reports use this one: it is the
// share of what could be collected that was), kMonthlyAverageSales divides them by the number of
// months first (creditguru, Oracle). For a one-month period both agree. Absent (std::nullopt)
// when the denominator is 0 or less. Pure; thread-safe.
#pragma once

#include <optional>

#include "workflows/money.h"

namespace duly {

enum class CeiConvention { kPeriodSales, kMonthlyAverageSales };
const char* CeiConventionName(CeiConvention convention);  // "period_sales", "monthly_average_sales"

struct CeiInputs {
  Money beginning_ar;       // total AR at the end of the day before the period
  Money credit_sales;       // credit sales of the whole period
  Money ending_total_ar;    // total AR at the end of the period
  Money ending_current_ar;  // not-yet-due AR at the end of the period
  int months = 1;           // months in the period (kMonthlyAverageSales), >= 1
};

std::optional<double> Cei(const CeiInputs& inputs, CeiConvention convention);

}  // namespace duly
