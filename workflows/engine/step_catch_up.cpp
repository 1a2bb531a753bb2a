#include "workflows/engine/step_catch_up.h"

#include <algorithm>
#include <vector>

#include "workflows/engine/decide.h"
#include "workflows/engine/outcome_records.h"
#include "workflows/engine/step_action.h"

namespace duly {
namespace {

std::vector<Instant> MomentsOf(const DecisionContext& context, const Workflow& workflow) {
  std::vector<Instant> moments;
  moments.reserve(workflow.steps.size());
  for (const Step& step : workflow.steps) {
    moments.push_back(
        StepMoment(step, context.input.invoice->due, context.place.time_zone, context.options));
  }
  return moments;
}

}  // namespace

void AdvanceInstance(const DecisionContext& context, const Workflow& workflow, std::size_t from,
                     Instance& instance, TimerOutcome& outcome) {
  instance.workflow = workflow.id;
  instance.version = workflow.version;
  const std::vector<Instant> moments = MomentsOf(context, workflow);
  const Instant now = context.batch.now;
  const std::size_t count = workflow.steps.size();
  std::size_t next = std::min(from, count);
  while (next < count) {
    if (moments[next] > now) {
      instance.next_step = workflow.steps[next].id;
      outcome.next = NextTimer{TimerKind::kStep, instance.next_step, moments[next]};
      return;
    }
    std::size_t last = next;  // the overdue group is [next, last]
    while (last + 1 < count && moments[last + 1] <= now) ++last;
    const Instant latest =
        *std::max_element(moments.begin() + static_cast<std::ptrdiff_t>(next),
                          moments.begin() + static_cast<std::ptrdiff_t>(last) + 1);
    for (std::size_t index = next; index <= last; ++index) {
      const Step& step = workflow.steps[index];
      if (moments[index] < latest) {
        RecordSkip(workflow.id, workflow.version, step.id, "overtaken", nlohmann::json::object(),
                   outcome);
        continue;
      }
      const StepResult result = RunStep(context, workflow, step, outcome);
      if (result.kind == StepResult::Kind::kDeferred) {
        instance.next_step = step.id;
        outcome.next = NextTimer{TimerKind::kStep, step.id, result.defer_until};
        return;
      }
      if (result.ends_instance) {
        EndInstance(instance, "handed_over", outcome);
        return;
      }
    }
    next = last + 1;
  }
  EndInstance(instance, "completed", outcome);
}

}  // namespace duly
