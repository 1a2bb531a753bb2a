#include "workflows/cases/complaint_report.h"

#include <algorithm>
#include <set>
#include <utility>

#include <date/date.h>

namespace duly {
namespace {

std::string MonthOf(Instant at) {
  const date::year_month_day day{date::floor<date::days>(at)};
  return date::format("%Y-%m", date::year_month{day.year(), day.month()});
}

std::optional<double> Median(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  if (values.size() % 2 == 1) return values[mid];
  return (values[mid - 1] + values[mid]) / 2.0;
}

}  // namespace

ComplaintReport BuildComplaintReport(const std::vector<ComplaintFact>& facts) {
  struct Tally {
    ComplaintGroup group;
    std::set<std::string> customers;
    std::vector<double> hours;
    std::int64_t within = 0;
  };
  std::map<std::pair<std::string, std::string>, Tally> tallies;
  ComplaintReport report;
  for (const ComplaintFact& fact : facts) {
    Tally& tally = tallies[{fact.department, fact.category}];
    tally.group.department = fact.department;
    tally.group.category = fact.category;
    ++tally.group.count;
    tally.customers.insert(fact.customer);
    tally.group.amount_held += fact.held;
    ++tally.group.per_month[MonthOf(fact.created_at)];
    if (fact.closed_at) {
      const auto took = *fact.closed_at - fact.created_at;
      tally.hours.push_back(static_cast<double>(took.count()) / 3600000.0);
      if (*fact.closed_at <= fact.deadline_at) ++tally.within;
    }
    ++report.total_count;
    report.total_held += fact.held;
  }
  for (auto& [key, tally] : tallies) {
    tally.group.customers = static_cast<std::int64_t>(tally.customers.size());
    if (!tally.hours.empty()) {
      tally.group.resolved_within_deadline =
          static_cast<double>(tally.within) / static_cast<double>(tally.hours.size());
    }
    tally.group.median_hours_to_resolve = Median(std::move(tally.hours));
    report.groups.push_back(std::move(tally.group));
  }
  return report;
}

}  // namespace duly
