// duly::ComplaintReport: the customer signals report: complaints by department x category.
//
// Promise: BuildComplaintReport() groups the facts of every case by (department, category),
// sorted by department then category, and gives per group: how many cases, how many distinct
// customers, the amount held now (open amounts of the invoices under cases still open or
// escalated), the median time from opening to closing over closed cases (none when none is
// closed), the share of closed cases closed at or before their deadline, and the number opened
// per month ("YYYY-MM" in UTC, ascending). Totals sum every group. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "workflows/calendar_date.h"
#include "workflows/money.h"

namespace duly {

// One case as the report sees it.
struct ComplaintFact {
  std::string department;
  std::string category;
  std::string customer;
  Instant created_at{};
  Instant deadline_at{};
  std::optional<Instant> closed_at;  // resolved or rejected
  Money held;                        // open amounts under it while open; 0 once closed
};

struct ComplaintGroup {
  std::string department;
  std::string category;
  std::int64_t count = 0;
  std::int64_t customers = 0;
  Money amount_held;
  std::optional<double> median_hours_to_resolve;
  std::optional<double> resolved_within_deadline;  // 0..1 over closed cases
  std::map<std::string, std::int64_t> per_month;   // "2026-03" -> cases opened
  friend bool operator==(const ComplaintGroup&, const ComplaintGroup&) = default;
};

struct ComplaintReport {
  std::vector<ComplaintGroup> groups;
  std::int64_t total_count = 0;
  Money total_held;
};

ComplaintReport BuildComplaintReport(const std::vector<ComplaintFact>& facts);

}  // namespace duly
