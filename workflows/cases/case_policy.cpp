#include "workflows/cases/case_policy.h"

#include <algorithm>

#include "workflows/business_calendar.h"

namespace duly {
namespace {

constexpr int kMaxDays = 90;

// `at` moved by `days` local days (working days when `working`), keeping its time of day.
Instant MoveDays(const CasePolicy& policy, Instant at, int days, bool working) {
  const CalendarDate from = LocalDay(at, policy.time_zone);
  const CalendarDate to = working ? BusinessCalendar(policy.country).AddWorkingDays(from, days)
                                  : from + date::days(days);
  return at + std::chrono::duration_cast<std::chrono::milliseconds>(to - from);
}

int DeadlineDays(const CasePolicy& policy, std::string_view category) {
  auto found = policy.deadline_days.find(std::string(category));
  return found == policy.deadline_days.end() ? policy.default_deadline_days : found->second;
}

}  // namespace

bool IsCaseCategory(std::string_view category) {
  return std::find(kCaseCategories.begin(), kCaseCategories.end(), category) !=
         kCaseCategories.end();
}

CasePolicy DefaultCasePolicy() {
  CasePolicy policy;
  for (const char* category : {"wrong_price", "wrong_address", "missing_po", "duplicate_invoice"}) {
    policy.routing[category] = "billing";
  }
  for (const char* category : {"sales_promise", "contract_terms", "quality"}) {
    policy.routing[category] = "sales";
  }
  for (const char* category : {"not_delivered", "damaged"}) policy.routing[category] = "operations";
  policy.routing["other"] = std::string(kCollectionDepartment);
  return policy;
}

std::vector<FieldError> Validate(const CasePolicy& policy) {
  std::vector<FieldError> errors;
  for (std::string_view category : kCaseCategories) {
    auto found = policy.routing.find(std::string(category));
    if (found == policy.routing.end() || found->second.empty()) {
      errors.push_back({"/routing/" + std::string(category), "every category needs a department"});
    }
  }
  for (const auto& [category, department] : policy.routing) {
    if (!IsCaseCategory(category)) {
      errors.push_back({"/routing/" + category, "unknown category " + category});
    } else if (department.size() > 64) {
      errors.push_back({"/routing/" + category, "a department name is at most 64 characters"});
    }
  }
  const std::string range = "must be a whole number of days from 1 to " + std::to_string(kMaxDays);
  if (policy.default_deadline_days < 1 || policy.default_deadline_days > kMaxDays) {
    errors.push_back({"/deadline_days/default", range});
  }
  for (const auto& [category, days] : policy.deadline_days) {
    if (!IsCaseCategory(category)) {
      errors.push_back({"/deadline_days/" + category, "unknown category " + category});
    } else if (days < 1 || days > kMaxDays) {
      errors.push_back({"/deadline_days/" + category, range});
    }
  }
  if (policy.reminder_working_days < 0 || policy.reminder_working_days > 30) {
    errors.push_back({"/reminder_working_days", "must be from 0 (no reminder) to 30"});
  }
  if (policy.escalation_repeat_days < 0 || policy.escalation_repeat_days > kMaxDays) {
    errors.push_back({"/escalation_repeat_days",
                      "must be from 0 (the deadline period) to " + std::to_string(kMaxDays)});
  }
  if (policy.country.size() != 2) {
    errors.push_back({"/country", "must be an ISO 3166-1 alpha-2 code such as NL"});
  }
  if (!IsKnownTimeZone(policy.time_zone)) {
    errors.push_back({"/time_zone", "unknown IANA time zone " + policy.time_zone});
  }
  if (policy.colleague_language != "nl" && policy.colleague_language != "fr" &&
      policy.colleague_language != "en") {
    errors.push_back({"/colleague_language", "must be nl, fr or en"});
  }
  return errors;
}

std::string DepartmentOf(const CasePolicy& policy, std::string_view category) {
  auto found = policy.routing.find(std::string(category));
  DULY_CHECK(found != policy.routing.end());
  return found->second;
}

Instant CaseDeadline(const CasePolicy& policy, std::string_view category, Instant opened_at) {
  return MoveDays(policy, opened_at, DeadlineDays(policy, category), policy.working_days);
}

std::optional<Instant> CaseReminderAt(const CasePolicy& policy, Instant opened_at,
                                      Instant deadline) {
  if (policy.reminder_working_days == 0) return std::nullopt;
  const Instant at = MoveDays(policy, deadline, -policy.reminder_working_days, true);
  if (at <= opened_at) return std::nullopt;
  return at;
}

Instant NextEscalationAt(const CasePolicy& policy, std::string_view category,
                         Instant escalated_at) {
  if (policy.escalation_repeat_days > 0) {
    return MoveDays(policy, escalated_at, policy.escalation_repeat_days, policy.working_days);
  }
  return CaseDeadline(policy, category, escalated_at);
}

}  // namespace duly
