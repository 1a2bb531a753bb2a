// duly::CasePolicy: how complaint cases are routed and timed: the category list, the routing
// table (category -> department), the deadline per category in calendar or working days, when
// the assignee is reminded, and how often an unresolved case climbs one more level.
//
// Promise: DefaultCasePolicy() is the table (wrong_price, wrong_address, missing_po,
// duplicate_invoice -> billing; sales_promise, contract_terms, quality -> sales; not_delivered,
// damaged -> operations; other -> collection, i.e. a collector decides), 7 calendar days,
// reminder 2 working days before the deadline, escalation repeat = the category's period.
// Validate() names each bad field by JSON pointer relative to the `cases` config section
// ("/routing/quality", "/deadline_days/other"). The timing functions are pure: a deadline keeps
// the time of day of the opening and moves by whole local days in `time_zone`, counting working
// days of `country`'s BusinessCalendar when working_days is set. Thread-safety: a value type.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "workflows/calendar_date.h"
#include "workflows/status.h"

namespace duly {

// The category ids the API and the simulation use, in the order.
inline constexpr std::array<std::string_view, 10> kCaseCategories = {
    "wrong_price",    "wrong_address", "missing_po",    "duplicate_invoice", "sales_promise",
    "contract_terms", "quality",       "not_delivered", "damaged",           "other"};
bool IsCaseCategory(std::string_view category);

// The pseudo-department whose members are the collectors (role "collector"), for "other".
inline constexpr std::string_view kCollectionDepartment = "collection";
// The department whose cases go to the customer's account manager when it has one.
inline constexpr std::string_view kSalesDepartment = "sales";

struct CasePolicy {
  std::map<std::string, std::string> routing;  // every category -> department
  int default_deadline_days = 7;
  std::map<std::string, int> deadline_days;  // per category overrides, 1..90
  bool working_days = false;                 // count deadline days as working days
  int reminder_working_days = 2;             // 0 = no reminder; 1..30
  int escalation_repeat_days = 0;            // 0 = the category's deadline period again
  std::string country = "NL";                // the business calendar
  std::string time_zone = "Europe/Amsterdam";
  std::string colleague_language = "nl";  // language of messages to colleagues
};

CasePolicy DefaultCasePolicy();
std::vector<FieldError> Validate(const CasePolicy& policy);

// The department of `category` (REQUIRES: IsCaseCategory and a valid policy).
std::string DepartmentOf(const CasePolicy& policy, std::string_view category);

// When a case of `category` opened at `opened_at` must be resolved.
Instant CaseDeadline(const CasePolicy& policy, std::string_view category, Instant opened_at);
// When the assignee is reminded: reminder_working_days working days before `deadline`; nullopt
// when the policy sends no reminder or that moment is not after `opened_at`.
std::optional<Instant> CaseReminderAt(const CasePolicy& policy, Instant opened_at,
                                      Instant deadline);
// When a case escalated at `escalated_at` climbs one more level if still open.
Instant NextEscalationAt(const CasePolicy& policy, std::string_view category, Instant escalated_at);

}  // namespace duly
