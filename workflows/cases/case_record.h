// duly::ComplaintCase and the records around it: a complaint about one or more invoices of one
// customer, routed to a department and assigned to a colleague, with its comments, escalation
// level and resolution.
//
// Promise: plain data. States: open -> (escalated)* -> resolved | rejected (explained
// complaints are rejected). While a case is open or escalated every invoice under it is
// disputed: collection pauses (docs/engine.md). Validate(NewCase) names each bad field by JSON
// pointer relative to the request body ("/invoices/1", "/category"). Thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "workflows/calendar_date.h"
#include "workflows/cases/case_resolution.h"
#include "workflows/status.h"

namespace duly {

enum class CaseState { kOpen, kEscalated, kResolved, kRejected };
const char* CaseStateName(CaseState state);  // "open", "escalated", "resolved", "rejected"
std::optional<CaseState> ParseCaseState(std::string_view text);
inline bool IsCaseClosed(CaseState state) {
  return state == CaseState::kResolved || state == CaseState::kRejected;
}

// Where a case came from.
bool IsCaseSource(std::string_view source);  // api, ui, reply, call, workflow

struct CaseComment {
  std::int64_t id = 0;
  std::string author;  // colleague id, or the API actor
  std::string text;
  Instant at{};
  friend bool operator==(const CaseComment&, const CaseComment&) = default;
};

struct ComplaintCase {
  std::int64_t id = 0;
  std::string customer;
  std::vector<std::string> invoices;  // at least one, all of `customer`
  std::string category;
  std::string department;
  std::string assignee;  // colleague id
  std::string description;
  std::string source;     // api, ui, reply, call, workflow
  std::string opened_by;  // the actor
  CaseState state = CaseState::kOpen;
  Instant created_at{};
  Instant deadline_at{};
  std::optional<Instant> reminder_at;  // when the assignee is reminded (none when too close)
  std::optional<Instant> reminded_at;
  std::optional<Instant> acknowledged_at;
  std::int64_t escalation_level = 0;  // 0 = not escalated; n = n managers up
  std::optional<Instant> escalated_at;
  std::optional<Instant> next_escalation_at;  // when it climbs again, none at the top
  std::optional<Instant> closed_at;
  std::optional<CaseResolution> resolution;
  std::vector<CaseComment> comments;  // oldest first (Get only; List leaves it empty)
  friend bool operator==(const ComplaintCase&, const ComplaintCase&) = default;
};

struct NewCase {
  std::string customer;
  std::vector<std::string> invoices;
  std::string category;
  std::string description;
  std::string source = "api";
  std::string assignee;  // optional: "" lets the routing rule choose
};

std::vector<FieldError> Validate(const NewCase& opened);

}  // namespace duly
