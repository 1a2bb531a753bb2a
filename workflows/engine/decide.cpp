// DecideTimer (decide.h): the order of the rules; each rule lives in its own file
// (instance_route.h, step_catch_up.h, step_action.h, channel_choice.h).
#include "workflows/engine/decide.h"

#include <optional>
#include <string>

#include "workflows/engine/collection_facts.h"
#include "workflows/engine/customer_place.h"
#include "workflows/engine/decision_context.h"
#include "workflows/engine/instance_route.h"
#include "workflows/engine/local_moment.h"
#include "workflows/engine/outcome_records.h"
#include "workflows/engine/step_catch_up.h"

namespace duly {
namespace {

// Rule 1: why collection of this invoice is over, if it is. open_amount 0 counts as paid.
std::optional<std::string> EndReason(const std::optional<Invoice>& invoice) {
  if (!invoice) return "deleted";
  switch (invoice->status) {
    case InvoiceStatus::kPaid:
      return "paid";
    case InvoiceStatus::kCredited:
      return "credited";
    case InvoiceStatus::kWrittenOff:
      return "written_off";
    case InvoiceStatus::kOpen:
      break;
  }
  if (invoice->open_amount.IsZero() || invoice->open_amount.IsNegative()) return "paid";
  return std::nullopt;
}

// Rule 2: the hold reason by priority: disputed > in_plan > promised.
std::string HoldReason(const CollectionHold& hold) {
  if (hold.disputed) return "disputed";
  if (hold.in_plan) return "in_plan";
  return "promised";
}

// The step the fired timer was about.
std::string CurrentStep(const TimerInput& input, const Instance& instance) {
  if (input.timer.kind == TimerKind::kStep && !input.timer.step.empty()) return input.timer.step;
  return instance.next_step;
}

NextTimer Recheck(const DecisionContext& context) {
  return NextTimer{TimerKind::kRecheck, "", context.batch.now + context.options.recheck};
}

void EndSettled(const DecisionContext& context, const std::string& reason, TimerOutcome& outcome) {
  outcome.next.reset();
  if (!context.input.instance || context.input.instance->state == InstanceState::kEnded) return;
  Instance instance = *context.input.instance;
  const std::string step = CurrentStep(context.input, instance);
  if (!step.empty()) {
    RecordSkip(instance.workflow, instance.version, step, reason, nlohmann::json::object(),
               outcome);
  }
  EndInstance(instance, reason, outcome);
  outcome.instance = std::move(instance);
}

void Pause(const DecisionContext& context, Instance instance, TimerOutcome& outcome) {
  const CollectionHold& hold = context.input.hold;
  const std::string reason = HoldReason(hold);
  if (instance.state != InstanceState::kPaused || instance.reason != reason) {
    outcome.events.push_back(
        MakeEvent("instance.paused", {{"invoice", outcome.invoice}, {"reason", reason}}));
  }
  instance.state = InstanceState::kPaused;
  instance.reason = reason;
  instance.next_step = CurrentStep(context.input, instance);
  outcome.next = Recheck(context);
  if (reason == "promised") {
    const CalendarDate until =
        *hold.promised_until + date::days{context.options.promise_grace_days};
    const Instant wake = LocalMoment(until, context.options.send_time, context.place.time_zone);
    if (wake > context.batch.now) outcome.next->due_at = wake;
  }
  outcome.instance = std::move(instance);
}

// The kStart timer (or a recheck of an invoice that has no instance yet): create the instance in
// the workflow serving the customer's segment, or wait when none does.
void Start(const DecisionContext& context, TimerOutcome& outcome) {
  const SegmentRule* rule = context.catalog.segments.Assign(context.facts);
  const std::string segment = rule != nullptr ? rule->id : "";
  const Workflow* workflow = segment.empty() ? nullptr : context.catalog.ForSegment(segment);
  if (workflow == nullptr) {
    if (context.input.timer.kind == TimerKind::kStart) {
      outcome.events.push_back(
          MakeEvent("instance.unserved", {{"invoice", outcome.invoice}, {"segment", segment}}));
    }
    outcome.next = Recheck(context);
    return;
  }
  Instance instance;
  instance.invoice = outcome.invoice;
  instance.customer = outcome.customer;
  instance.segment = segment;
  instance.workflow = workflow->id;
  instance.version = workflow->version;
  instance.state = InstanceState::kActive;
  if (!workflow->steps.empty()) instance.next_step = workflow->steps.front().id;
  outcome.events.push_back(MakeEvent("instance.started", {{"invoice", outcome.invoice},
                                                          {"customer", outcome.customer},
                                                          {"segment", segment},
                                                          {"workflow", workflow->id},
                                                          {"version", workflow->version}}));
  if (context.input.hold.Any()) {
    Pause(context, std::move(instance), outcome);
    return;
  }
  AdvanceInstance(context, *workflow, 0, instance, outcome);
  outcome.instance = std::move(instance);
}

void Continue(const DecisionContext& context, TimerOutcome& outcome) {
  Instance instance = *context.input.instance;
  if (context.input.hold.Any()) {
    Pause(context, std::move(instance), outcome);
    return;
  }
  if (instance.state == InstanceState::kPaused) {
    outcome.events.push_back(
        MakeEvent("instance.resumed", {{"invoice", outcome.invoice}, {"reason", instance.reason}}));
    instance.state = InstanceState::kActive;
    instance.reason.clear();
  }
  const Route route = RouteInstance(context, instance, outcome);
  if (route.workflow == nullptr) {
    outcome.next = Recheck(context);
  } else {
    AdvanceInstance(context, *route.workflow, route.from, instance, outcome);
  }
  outcome.instance = std::move(instance);
}

const Customer& CustomerOrEmpty(const TimerInput& input) {
  static const Customer nobody{};
  return input.customer ? *input.customer : nobody;
}

}  // namespace

TimerOutcome DecideTimer(const TimerInput& input, const TimerBatch& batch, const Catalog& catalog,
                         const EngineOptions& options) {
  TimerOutcome outcome;
  outcome.timer_id = input.timer.id;
  outcome.invoice = input.timer.invoice;
  if (input.customer) {
    outcome.customer = input.customer->id;
  } else if (input.invoice) {
    outcome.customer = input.invoice->customer;
  }
  const Customer& customer = CustomerOrEmpty(input);
  CustomerPlace place = PlaceOf(input.customer ? &*input.customer : nullptr, options);
  Facts facts = CollectionFacts(input, batch.now, place.time_zone);
  const DecisionContext context{
      input, batch, catalog, options, customer, std::move(place), std::move(facts)};

  if (std::optional<std::string> reason = EndReason(input.invoice)) {
    EndSettled(context, *reason, outcome);
  } else if (!input.instance) {
    Start(context, outcome);
  } else if (input.instance->state == InstanceState::kEnded) {
    outcome.next.reset();  // a stray timer of an ended instance: drop it, change nothing
  } else {
    Continue(context, outcome);
  }
  return outcome;
}

}  // namespace duly
