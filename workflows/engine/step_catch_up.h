// duly::AdvanceInstance: moves an active instance through its workflow from one step on.
//
// Promise (decide.h rules 4 to 6): starting at step index `from` of `workflow`, the steps whose
// moment (StepMoment) is at or before batch.now form the overdue group. Every step of the group
// whose moment is earlier than the group's latest moment is skipped ("overtaken"); the steps at
// the latest moment run now, in workflow order, through RunStep. A step that is deferred by quiet
// hours stays the instance's next step with its timer at the moment a channel opens. The first
// step still ahead becomes next_step with a kStep timer at its moment. After the last step the
// instance ends "completed"; a handover ends it "handed_over". Sets instance.workflow and
// instance.version to `workflow`'s. REQUIRES: instance is active; `from` <= steps.size().
// Pure; thread-compatible.
#pragma once

#include <cstddef>

#include "workflows/engine/decision_context.h"
#include "workflows/engine/instance.h"
#include "workflows/engine/timer_outcome.h"
#include "workflows/workflow.h"

namespace duly {

void AdvanceInstance(const DecisionContext& context, const Workflow& workflow, std::size_t from,
                     Instance& instance, TimerOutcome& outcome);

}  // namespace duly
