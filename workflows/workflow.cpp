#include "workflows/workflow.h"

#include <algorithm>

namespace duly {

namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

}  // namespace

const char* ActionTypeName(const Action& action) {
  return std::visit(Overloaded{
                        [](const MessageAction&) { return "message"; },
                        [](const CallTaskAction&) { return "call_task"; },
                        [](const NotifyColleagueAction&) { return "notify_colleague"; },
                        [](const OpenCaseAction&) { return "open_case"; },
                        [](const FeeAction&) { return "fee"; },
                        [](const CreditHoldAction&) { return "credit_hold"; },
                        [](const HandoverAction&) { return "handover"; },
                        [](const WaitForAction&) { return "wait_for"; },
                    },
                    action);
}

const char* FeeKindName(FeeAction::Kind kind) {
  return kind == FeeAction::Kind::kInterest ? "interest" : "statutory_costs";
}

const char* WaitTargetName(WaitForAction::Target target) {
  switch (target) {
    case WaitForAction::Target::kPromise:
      return "promise";
    case WaitForAction::Target::kPlan:
      return "plan";
    case WaitForAction::Target::kCase:
      return "case";
  }
  return "?";
}

const Step* Workflow::FindStep(std::string_view step_id) const {
  auto found = std::find_if(steps.begin(), steps.end(),
                            [&](const Step& step) { return step.id == step_id; });
  return found == steps.end() ? nullptr : &*found;
}

const Step* Workflow::StepAfter(std::string_view step_id) const {
  auto found = std::find_if(steps.begin(), steps.end(),
                            [&](const Step& step) { return step.id == step_id; });
  if (found == steps.end() || std::next(found) == steps.end()) return nullptr;
  return &*std::next(found);
}

void SortByOffset(std::vector<Step>& steps) {
  std::stable_sort(steps.begin(), steps.end(), [](const Step& a, const Step& b) {
    return a.at.TotalHours() < b.at.TotalHours();
  });
}

}  // namespace duly
