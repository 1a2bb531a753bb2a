#include "workflows/engine/instance_route.h"

#include <optional>
#include <string>

#include "workflows/engine/decide.h"
#include "workflows/engine/outcome_records.h"

namespace duly {
namespace {

std::optional<std::size_t> StepIndex(const Workflow& workflow, const std::string& step_id) {
  for (std::size_t index = 0; index < workflow.steps.size(); ++index) {
    if (workflow.steps[index].id == step_id) return index;
  }
  return std::nullopt;
}

Instant ReferenceMoment(const DecisionContext& context, const Instance& instance,
                        const std::string& step_id) {
  if (const Workflow* known = context.catalog.Find(instance.workflow); known != nullptr) {
    if (const Step* step = known->FindStep(step_id); step != nullptr) {
      return StepMoment(*step, context.input.invoice->due, context.place.time_zone,
                        context.options);
    }
  }
  return context.input.timer.due_at;
}

}  // namespace

std::size_t FirstStepAtOrAfter(const DecisionContext& context, const Workflow& workflow,
                               Instant moment) {
  for (std::size_t index = 0; index < workflow.steps.size(); ++index) {
    const Instant at = StepMoment(workflow.steps[index], context.input.invoice->due,
                                  context.place.time_zone, context.options);
    if (at >= moment) return index;
  }
  return workflow.steps.size();
}

Route RouteInstance(const DecisionContext& context, Instance& instance, TimerOutcome& outcome) {
  const Timer& timer = context.input.timer;
  const std::string current =
      timer.kind == TimerKind::kStep && !timer.step.empty() ? timer.step : instance.next_step;
  instance.next_step = current;
  const SegmentRule* rule = context.catalog.segments.Assign(context.facts);
  const std::string segment = rule != nullptr ? rule->id : "";
  const Workflow* workflow = segment.empty() ? nullptr : context.catalog.ForSegment(segment);

  if (workflow == nullptr) {
    if (segment != instance.segment) {
      outcome.events.push_back(
          MakeEvent("instance.unserved", {{"invoice", outcome.invoice}, {"segment", segment}}));
      instance.segment = segment;
    }
    return Route{};
  }

  const Instant reference = ReferenceMoment(context, instance, current);
  if (segment != instance.segment || workflow->id != instance.workflow) {
    outcome.events.push_back(MakeEvent("segment.assigned", {{"invoice", outcome.invoice},
                                                            {"from", instance.segment},
                                                            {"to", segment},
                                                            {"workflow", workflow->id}}));
    instance.segment = segment;
  }
  if (workflow->id != instance.workflow) {
    return Route{workflow, FirstStepAtOrAfter(context, *workflow, reference)};
  }

  std::optional<std::size_t> index = StepIndex(*workflow, current);
  if (instance.version < workflow->version) {
    outcome.events.push_back(MakeEvent("instance.moved", {{"invoice", outcome.invoice},
                                                          {"workflow", workflow->id},
                                                          {"from", instance.version},
                                                          {"to", workflow->version},
                                                          {"step", current}}));
  }
  if (!index) index = FirstStepAtOrAfter(context, *workflow, reference);
  return Route{workflow, *index};
}

}  // namespace duly
