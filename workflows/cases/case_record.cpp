#include "workflows/cases/case_record.h"

#include <set>

#include "workflows/cases/case_policy.h"

namespace duly {

const char* CaseStateName(CaseState state) {
  switch (state) {
    case CaseState::kOpen:
      return "open";
    case CaseState::kEscalated:
      return "escalated";
    case CaseState::kResolved:
      return "resolved";
    case CaseState::kRejected:
      return "rejected";
  }
  return "open";
}

std::optional<CaseState> ParseCaseState(std::string_view text) {
  for (CaseState state :
       {CaseState::kOpen, CaseState::kEscalated, CaseState::kResolved, CaseState::kRejected}) {
    if (text == CaseStateName(state)) return state;
  }
  return std::nullopt;
}

bool IsCaseSource(std::string_view source) {
  return source == "api" || source == "ui" || source == "reply" || source == "call" ||
         source == "workflow";
}

std::vector<FieldError> Validate(const NewCase& opened) {
  std::vector<FieldError> errors;
  if (opened.customer.empty()) errors.push_back({"/customer", "required"});
  if (opened.invoices.empty()) {
    errors.push_back({"/invoices", "name at least one invoice"});
  } else if (opened.invoices.size() > 100) {
    errors.push_back({"/invoices", "at most 100 invoices per case"});
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < opened.invoices.size(); ++i) {
    const std::string field = "/invoices/" + std::to_string(i);
    if (opened.invoices[i].empty()) {
      errors.push_back({field, "an invoice id is not empty"});
    } else if (!seen.insert(opened.invoices[i]).second) {
      errors.push_back({field, "invoice " + opened.invoices[i] + " is named twice"});
    }
  }
  if (!IsCaseCategory(opened.category)) {
    std::string known;
    for (std::string_view category : kCaseCategories) {
      known += (known.empty() ? "" : ", ") + std::string(category);
    }
    errors.push_back(
        {"/category", "unknown category \"" + opened.category + "\"; one of " + known});
  }
  if (opened.description.empty()) {
    errors.push_back({"/description", "say what is wrong"});
  } else if (opened.description.size() > 4000) {
    errors.push_back({"/description", "at most 4000 characters"});
  }
  if (!IsCaseSource(opened.source)) {
    errors.push_back({"/source", "one of api, ui, reply, call, workflow"});
  }
  return errors;
}

}  // namespace duly
