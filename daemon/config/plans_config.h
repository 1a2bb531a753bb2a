// duly::daemon::ReadPlansConfig: the "plans" section of the config file: payment-plan policies per
// segment, the promise grace, installment reminders, the plan grace and credit-status thresholds.
//
// Promise: accepts exactly the fields of the "plans" object in schemas/config.schema.json
// (unknown fields are errors naming the JSON pointer, e.g. "/plans/policy/max_installment") and
// fills the PlanSettings defaults for the rest; amounts are decimal strings ("100.00"). The
// time zone is not in this section: the caller sets PlanSettings::time_zone from "time_zone".
// Pure; thread-safe.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "workflows/plans/plan_settings.h"
#include "workflows/status.h"

namespace duly::daemon {

// {
//   "policy": {"max_installments": 6, "min_installment": "100.00", "max_months": 6},
//   "segment_policies": {"<segment>": {same fields; missing ones from "policy"}},
//   "promise_grace_days": 3, "installment_reminder_days": 3, "plan_grace_days": 7,
//   "overdue_threshold": "0.00", "segment_overdue_thresholds": {"<segment>": "500.00"}
// }
Result<PlanSettings> ReadPlansConfig(const nlohmann::json& section);

}  // namespace duly::daemon
