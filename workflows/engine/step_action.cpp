#include "workflows/engine/step_action.h"

#include <type_traits>
#include <variant>
#include <vector>

#include "workflows/engine/channel_choice.h"
#include "workflows/engine/outcome_records.h"

namespace duly {
namespace {

StepResult Skip(const Workflow& workflow, const Step& step, const std::string& reason,
                TimerOutcome& outcome, const nlohmann::json& details = nlohmann::json::object()) {
  RecordSkip(workflow.id, workflow.version, step.id, reason, details, outcome);
  return StepResult{StepResult::Kind::kSkipped, {}, false};
}

StepResult Deferred(Instant until) { return StepResult{StepResult::Kind::kDeferred, until, false}; }

StepResult Ran() { return StepResult{}; }

class ActionRunner {
 public:
  ActionRunner(const DecisionContext& context, const Workflow& workflow, const Step& step,
               TimerOutcome& outcome)
      : context_(context), workflow_(workflow), step_(step), outcome_(outcome) {}

  StepResult operator()(const MessageAction& action) {
    const std::vector<std::string> channels = ExpandChannels(action.channels, context_.customer);
    const ChannelChoice choice = Choose(channels);
    if (choice.kind == ChannelChoice::Kind::kNone)
      return Skip(workflow_, step_, "no_channel", outcome_);
    if (choice.kind == ChannelChoice::Kind::kLater) return Deferred(choice.at);
    const Instant now = context_.batch.now;
    outcome_.messages.push_back(MessageEffect{
        context_.customer.id, choice.channel, action.template_id, context_.customer.language,
        outcome_.invoice, step_.id, LocalDay(now, context_.place.time_zone), now,
        FallbackChannels(channels, choice.channel, context_.customer, context_.input.opted_out)});
    RecordRan(workflow_, step_, {{"channel", choice.channel}, {"template", action.template_id}},
              outcome_);
    return Ran();
  }

  StepResult operator()(const CallTaskAction& action) {
    const ChannelChoice choice = Choose({"call_task"});
    if (choice.kind == ChannelChoice::Kind::kNone)
      return Skip(workflow_, step_, "no_channel", outcome_);
    if (choice.kind == ChannelChoice::Kind::kLater) return Deferred(choice.at);
    const Instant now = context_.batch.now;
    outcome_.call_tasks.push_back(CallTaskEffect{context_.customer.id, outcome_.invoice,
                                                 action.script, step_.id,
                                                 LocalDay(now, context_.place.time_zone), now});
    RecordRan(workflow_, step_, {{"channel", "call_task"}, {"script", action.script}}, outcome_);
    return Ran();
  }

  StepResult operator()(const NotifyColleagueAction& action) {
    nlohmann::json notified = nlohmann::json::array();
    for (const Colleague& colleague : context_.batch.colleagues) {
      if (!colleague.active || !IsTarget(action.to, colleague)) continue;
      outcome_.notifications.push_back(ColleagueNotificationEffect{
          colleague.id, colleague.notify, action.template_id, "step:" + step_.id,
          context_.customer.id, outcome_.invoice, "", step_.id, context_.batch.now});
      notified.push_back(colleague.id);
    }
    if (notified.empty()) return Skip(workflow_, step_, "no_colleague", outcome_);
    RecordRan(workflow_, step_, {{"template", action.template_id}, {"colleagues", notified}},
              outcome_);
    return Ran();
  }

  StepResult operator()(const HandoverAction& action) {
    outcome_.handover = HandoverEffect{outcome_.invoice, context_.customer.id, action.agency};
    RecordRan(workflow_, step_, {{"agency", action.agency}}, outcome_);
    return StepResult{StepResult::Kind::kRan, {}, true};
  }

  // credit_hold (issue 5): the customer is on credit hold while the invoice the step ran for is
  // open; the "step.ran" event {action: credit_hold} is the record the credit status reads.
  StepResult operator()(const CreditHoldAction& /*action*/) {
    RecordRan(workflow_, step_, {{"credit_hold", true}}, outcome_);
    return Ran();
  }

  // open_case, fee and wait_for: not implemented by this issue (the collection engine); later
  // issues (cases, fees, waiting) implement them. Until then the step is skipped with reason
  // "not_supported", naming the action, so the history shows why.
  template <typename Unsupported>
  StepResult operator()(const Unsupported& /*action*/) {
    return Skip(workflow_, step_, "not_supported", outcome_,
                {{"action", ActionTypeName(step_.action)}});
  }

 private:
  ChannelChoice Choose(const std::vector<std::string>& channels) const {
    return ChooseChannel(channels, context_.customer, context_.input.opted_out, context_.batch.now,
                         context_.options.quiet_hours, context_.place);
  }

  bool IsTarget(const ColleagueTarget& target, const Colleague& colleague) const {
    switch (target.kind) {
      case ColleagueTarget::Kind::kAccountManager:
        return !context_.customer.account_manager.empty() &&
               colleague.id == context_.customer.account_manager;
      case ColleagueTarget::Kind::kColleague:
        return colleague.id == target.colleague_id;
      case ColleagueTarget::Kind::kSelector:
        return (target.role.empty() || colleague.role == target.role) &&
               (target.department.empty() || colleague.department == target.department);
    }
    return false;
  }

  const DecisionContext& context_;
  const Workflow& workflow_;
  const Step& step_;
  TimerOutcome& outcome_;
};

}  // namespace

StepResult RunStep(const DecisionContext& context, const Workflow& workflow, const Step& step,
                   TimerOutcome& outcome) {
  if (!step.when.Evaluate(context.facts)) return Skip(workflow, step, "condition", outcome);
  return std::visit(ActionRunner(context, workflow, step, outcome), step.action);
}

}  // namespace duly
