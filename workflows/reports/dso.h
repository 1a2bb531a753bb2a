// Days sales outstanding, best possible DSO and average days delinquent (RULES.md 6.1, 6.2, 6.4).
//
// Promise (conventions stated once, used everywhere):
// - Standard DSO = ending total AR / credit sales of the period x days of the period.
// - Count-back DSO walks sales windows newest to oldest, taking each window's days while the AR
//   left covers its sales, then the covered fraction of the window that exhausts it. When the
//   windows run out before the AR does, `exhausted` is false and `days` is a lower bound.
// - Best possible DSO = current (not yet due) AR / credit sales x days.
// - Average days delinquent = standard DSO - best possible DSO (the creditguru definition).
// - Credit sales are the gross amounts of invoices issued in the period; credit notes lower AR
//   when applied, not sales.
// A quotient with no sales (0 or less) is absent (std::nullopt). Pure; thread-safe.
#pragma once

#include <optional>
#include <vector>

#include "workflows/money.h"

namespace duly {

struct SalesWindow {
  Money sales;   // credit sales in the window
  int days = 0;  // calendar days of the window, > 0
  friend bool operator==(const SalesWindow&, const SalesWindow&) = default;
};

struct CountBackDso {
  double days = 0;
  bool exhausted = true;  // false: the AR exceeds the sales of every window (days is a floor)
};

std::optional<double> StandardDso(Money ending_ar, Money credit_sales, int days);
// REQUIRES: every window's days > 0. `newest_first[0]` is the window that ends the period.
CountBackDso CountBack(Money ending_ar, const std::vector<SalesWindow>& newest_first);
std::optional<double> BestPossibleDso(Money current_ar, Money credit_sales, int days);
// Standard DSO - best possible DSO; absent when either is.
std::optional<double> AverageDaysDelinquent(std::optional<double> dso,
                                            std::optional<double> best_possible_dso);

}  // namespace duly
