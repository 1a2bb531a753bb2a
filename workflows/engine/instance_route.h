// duly::RouteInstance: which workflow, in which version, from which step an existing instance
// continues when its timer fires (decide.h rule 3).
//
// Promise: the segment is assigned from the facts. When no workflow serves it (or no rule
// matches), the answer has no workflow: the instance waits (the caller sets a kRecheck timer),
// and "instance.unserved" {invoice, segment} is recorded when the segment differs from the
// instance's. When the segment or its serving workflow differs from the instance's,
// "segment.assigned" {invoice, from, to, workflow} is recorded; when the workflow differs, the
// instance continues with the
// first step of the new workflow whose moment is at or after the reference moment (below), and
// the catch-up rule applies from there. Within the same workflow, a newer version records
// "instance.moved" {invoice, workflow, from, to, step} and continues with the step of the same
// id, or with the first step due at or after the reference moment when the new version lacks it.
// The current step is the kStep timer's step, else instance.next_step. The reference moment is
// the current step's moment in the catalog's version of the instance's workflow, else the
// timer's due time (the catalog keeps only the latest versions). Updates instance.segment and
// next_step; the caller applies workflow and version. Pure; thread-compatible.
#pragma once

#include <cstddef>

#include "workflows/engine/decision_context.h"
#include "workflows/engine/instance.h"
#include "workflows/engine/timer_outcome.h"
#include "workflows/workflow.h"

namespace duly {

struct Route {
  const Workflow* workflow = nullptr;  // nullptr: unserved, wait
  std::size_t from = 0;                // step index to continue from
};

Route RouteInstance(const DecisionContext& context, Instance& instance, TimerOutcome& outcome);

// The index of the first step of `workflow` due at or after `moment` (steps.size() when none).
std::size_t FirstStepAtOrAfter(const DecisionContext& context, const Workflow& workflow,
                               Instant moment);

}  // namespace duly
