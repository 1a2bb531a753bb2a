#include "workflows/plans/promise.h"

#include <array>
#include <set>
#include <utility>

namespace duly {
namespace {

constexpr std::array<std::pair<PromiseState, const char*>, 4> kStates = {{
    {PromiseState::kOpen, "open"},
    {PromiseState::kKept, "kept"},
    {PromiseState::kBroken, "broken"},
    {PromiseState::kCancelled, "cancelled"},
}};
constexpr std::array<std::pair<PromiseSource, const char*>, 4> kSources = {{
    {PromiseSource::kApi, "api"},
    {PromiseSource::kUi, "ui"},
    {PromiseSource::kCall, "call"},
    {PromiseSource::kReply, "reply"},
}};

}  // namespace

const char* PromiseStateName(PromiseState state) {
  for (const auto& [value, name] : kStates) {
    if (value == state) return name;
  }
  return "open";
}

Result<PromiseState> ParsePromiseState(const std::string& text) {
  for (const auto& [value, name] : kStates) {
    if (text == name) return value;
  }
  return FieldInvalid("/state", "\"" + text + "\" is not open, kept, broken or cancelled");
}

const char* PromiseSourceName(PromiseSource source) {
  for (const auto& [value, name] : kSources) {
    if (value == source) return name;
  }
  return "api";
}

Result<PromiseSource> ParsePromiseSource(const std::string& text) {
  for (const auto& [value, name] : kSources) {
    if (text == name) return value;
  }
  return FieldInvalid("/source", "\"" + text + "\" is not api, ui, call or reply");
}

std::vector<FieldError> CheckNewPromise(const NewPromise& promise) {
  std::vector<FieldError> errors;
  if (promise.customer.empty()) errors.push_back({"/customer", "must name the customer"});
  if (promise.invoices.empty()) errors.push_back({"/invoices", "must name at least one invoice"});
  std::set<std::string> seen;
  for (std::size_t i = 0; i < promise.invoices.size(); ++i) {
    if (!seen.insert(promise.invoices[i]).second) {
      errors.push_back(
          {"/invoices/" + std::to_string(i), "invoice " + promise.invoices[i] + " is named twice"});
    }
  }
  if (promise.amount <= Money()) errors.push_back({"/amount", "must be more than 0"});
  return errors;
}

PromiseState EvaluatePromise(const Promise& promise, Money open_now, CalendarDate today,
                             int grace_days) {
  const Money received = promise.open_at - open_now;
  if (received >= promise.amount || open_now <= Money()) return PromiseState::kKept;
  if (today > promise.promised_on + date::days{grace_days}) return PromiseState::kBroken;
  return PromiseState::kOpen;
}

}  // namespace duly
