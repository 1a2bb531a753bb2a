#include "workflows/plans/payment_plan.h"

#include <array>
#include <utility>

namespace duly {
namespace {

constexpr std::array<std::pair<PlanState, const char*>, 5> kPlanStates = {{
    {PlanState::kProposed, "proposed"},
    {PlanState::kActive, "active"},
    {PlanState::kCompleted, "completed"},
    {PlanState::kBroken, "broken"},
    {PlanState::kCancelled, "cancelled"},
}};
constexpr std::array<std::pair<InstallmentState, const char*>, 3> kInstallmentStates = {{
    {InstallmentState::kPending, "pending"},
    {InstallmentState::kPaid, "paid"},
    {InstallmentState::kMissed, "missed"},
}};

}  // namespace

const char* PlanStateName(PlanState state) {
  for (const auto& [value, name] : kPlanStates) {
    if (value == state) return name;
  }
  return "active";
}

Result<PlanState> ParsePlanState(const std::string& text) {
  for (const auto& [value, name] : kPlanStates) {
    if (text == name) return value;
  }
  return FieldInvalid("/state",
                      "\"" + text + "\" is not proposed, active, completed, broken or cancelled");
}

const char* InstallmentStateName(InstallmentState state) {
  for (const auto& [value, name] : kInstallmentStates) {
    if (value == state) return name;
  }
  return "pending";
}

Result<InstallmentState> ParseInstallmentState(const std::string& text) {
  for (const auto& [value, name] : kInstallmentStates) {
    if (text == name) return value;
  }
  return FieldInvalid("/state", "\"" + text + "\" is not pending, paid or missed");
}

std::vector<Money> AllocateInOrder(const std::vector<Money>& amounts, Money paid) {
  std::vector<Money> allocated;
  allocated.reserve(amounts.size());
  Money left = Max(paid, Money());
  for (Money amount : amounts) {
    const Money part = Min(amount, left);
    allocated.push_back(part);
    left -= part;
  }
  return allocated;
}

}  // namespace duly
