// duly::daemon::ReadCasesConfig: the "cases" section of dulyd's config: how complaint cases are
// routed and timed (workflows/cases/case_policy.h).
//
// Promise: accepts exactly the fields of the "cases" object in schemas/config.schema.json:
// routing (category -> department; the categories named replace the defaults, the others keep
// theirs), deadline_days ({"default": 7, "<category>": n}), working_days,
// reminder_working_days, escalation_repeat_days and colleague_language; every error is
// kInvalidArgument naming the field as a JSON pointer under /cases ("/cases/routing/quality",
// "/cases/deadline_days/other"). The policy's country and time_zone are not read here: the
// caller sets them from engine.country and time_zone. Pure; thread-safe.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "workflows/cases/case_policy.h"
#include "workflows/status.h"

namespace duly::daemon {

Result<CasePolicy> ReadCasesConfig(const nlohmann::json& section);

}  // namespace duly::daemon
