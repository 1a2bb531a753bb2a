// duly::PlanSettings: the promises, plans and credit-status settings the stores and the plan job
// apply (config section `plans`, daemon/config/plans_config.h).
//
// Promise: plain data with the defaults of issue 5: at most 6 installments of at least EUR 100.00,
// the last within 6 months; a promise pauses collection until its date + 3 days (the engine's
// promise_grace_days, which dulyd keeps equal); reminders 3 days before an installment; a missed
// installment breaks the plan after 7 days; credit hold above EUR 0.00 overdue unless a segment
// sets more. Dates are the local days of `time_zone`. Thread-compatible.
#pragma once

#include <map>
#include <string>

#include "workflows/calendar_date.h"
#include "workflows/money.h"
#include "workflows/plans/plan_evaluation.h"
#include "workflows/plans/plan_policy.h"

namespace duly {

struct PlanSettings {
  PlanPolicies policies;
  int promise_grace_days = 3;
  PlanTiming timing;
  Money overdue_threshold;  // for segments not listed below
  std::map<std::string, Money> overdue_threshold_by_segment;
  std::string time_zone = std::string(kDefaultTimeZone);

  Money OverdueThreshold(const std::string& segment) const {
    auto found = overdue_threshold_by_segment.find(segment);
    return found == overdue_threshold_by_segment.end() ? overdue_threshold : found->second;
  }
};

}  // namespace duly
