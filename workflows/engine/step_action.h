// duly::RunStep: executes one due workflow step of one invoice into a TimerOutcome.
//
// Promise (decide.h rules 5 and 6): a step whose condition does not hold is skipped
// ("condition"). A message takes the first channel ChooseChannel allows now and adds a
// MessageEffect (local_day = the customer's local day of now, due_at = now); a call task does
// the same with the "call_task" window and adds a CallTaskEffect; when the customer is reachable
// but every window is closed, nothing is recorded and the result is kDeferred with the moment one
// opens; unreachable gives the skip "no_channel". notify_colleague adds one
// ColleagueNotificationEffect per target colleague among batch.colleagues (the account manager,
// one colleague by id, or every active colleague matching role and department; reason
// "step:<id>") or skips with "no_colleague". handover adds a HandoverEffect and says the instance
// ends. credit_hold runs and is recorded ("step.ran" {action: credit_hold, credit_hold: true}):
// the customer's credit status holds while that invoice is open. open_case, fee and wait_for are
// not implemented by this issue: they skip with "not_supported" naming the action. A step that ran
// or was skipped is recorded with outcome_records.h. Pure; thread-compatible.
#pragma once

#include <string>

#include "workflows/calendar_date.h"
#include "workflows/engine/decision_context.h"
#include "workflows/engine/timer_outcome.h"
#include "workflows/workflow.h"

namespace duly {

struct StepResult {
  enum class Kind { kRan, kSkipped, kDeferred };
  Kind kind = Kind::kRan;
  Instant defer_until{};       // kDeferred: when the step should be tried again
  bool ends_instance = false;  // kRan of a handover
};

StepResult RunStep(const DecisionContext& context, const Workflow& workflow, const Step& step,
                   TimerOutcome& outcome);

}  // namespace duly
