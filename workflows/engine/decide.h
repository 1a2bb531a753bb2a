// duly::DecideTimer: the engine's state machine for one invoice, as a pure function.
//
// Promise: given a TimerInput read in the firing transaction, the batch and the catalog, returns
// the TimerOutcome to write; no I/O, no clock (time is `batch.now`). The rules
// (docs/engine.md):
//  1. The invoice is gone, paid, credited or written off: the instance ends with that reason, a
//     "step.skipped" event names the step that would have run and the reason, no timer remains.
//  2. A hold (dispute, promise, plan) pauses: "instance.paused" once with the reason, then a
//     kRecheck timer every options.recheck (a promise: at promised date + grace, 09:00 local).
//  3. Otherwise the customer's segment is assigned from the facts (records + input.facts); when
//     it changed, "segment.assigned" is recorded and the instance follows the new segment's
//     workflow (from its first step not yet due). A workflow saved in a newer version is
//     followed from the step with the same id ("instance.moved"); a step id the new version lacks
//     continues with the first step due at or after the old step's moment.
//  4. Steps whose moment passed while the instance was waiting (late start, pause) are skipped
//     ("step.skipped", reason "overtaken") except the latest, which runs now: a debtor never gets
//     a burst of stale reminders.
//  5. A step whose condition does not hold is skipped (reason "condition"). A message step picks
//     the first channel the customer can receive now (contact known, not opted out, allowed at
//     this hour); when every reachable channel is closed now, the timer moves to the earliest
//     moment one opens (no event); when none is reachable, the step is skipped ("no_channel").
//     Call tasks follow the "call_task" quiet hours the same way.
//  6. A step that runs records "step.ran" with workflow, version, step, action and effects, and
//     its StepRun; then the next step's timer is set at its moment (due date in the customer's
//     zone + offset, day offsets at options.send_time). After the last step the instance ends
//     ("completed"); a handover ends it ("handed_over").
// Thread-safety: pure; safe from any thread.
#pragma once

#include "workflows/engine/catalog.h"
#include "workflows/engine/engine_options.h"
#include "workflows/engine/timer_input.h"
#include "workflows/engine/timer_outcome.h"

namespace duly {

TimerOutcome DecideTimer(const TimerInput& input, const TimerBatch& batch, const Catalog& catalog,
                         const EngineOptions& options);

// The moment `step` is due for an invoice due on `due`, in `time_zone`: the local day due + N days
// at options.send_time, or local midnight of the due date + N hours.
Instant StepMoment(const Step& step, CalendarDate due, std::string_view time_zone,
                   const EngineOptions& options);

}  // namespace duly
