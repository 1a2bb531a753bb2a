// duly::WorkListOrder: the order in which collectors see their open tasks, and when a call that
// was not answered comes back.
//
// Promise: a task's priority is open amount (in whole units of its currency, never negative) x
// max(days overdue, 1) x the weight of its customer's segment (policy.segment_weights, 1.0 for a
// segment not listed or for none) x policy.follow_up_boost for follow-up tasks (failed_message,
// unknown_outcome, reply). The order is:
//   1. replies first when policy.replies_first (a customer who wrote is waiting for an answer,
//      whatever the amount: "I paid yesterday" may come from a customer with nothing left open),
//   2. then by priority, highest first,
//   3. ties by due_at (earliest first), then by id (lowest first),
// so the order is total and the same for the same input.
// AddWorkingHours counts working hours (policy.day_start to policy.day_end, local time in the
// customer's zone, on the working days of the customer's country: BusinessCalendar) from `from`
// and returns the first moment at which `hours` of them have passed and work is possible again:
// the result always lies inside working time (a count that ends exactly at day_end moves to the
// next working day's day_start).
// Pure functions; thread-safe.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "workflows/business_calendar.h"
#include "workflows/calendar_date.h"
#include "workflows/task_store.h"

namespace duly {

struct WorkListPolicy {
  // Segment id -> weight (> 0). Segments not listed, and tasks without a segment, weigh 1.0.
  std::map<std::string, double> segment_weights;
  // Multiplies the priority of follow-up tasks (failed_message, unknown_outcome, reply): a
  // message the workflow wanted to send did not go out, or the customer wrote back.
  double follow_up_boost = 2.0;
  // Replies sort before every other task.
  bool replies_first = true;
  // Working hours, local time (for AddWorkingHours).
  std::chrono::minutes day_start{8 * 60};
  std::chrono::minutes day_end{18 * 60};
  // A call completed with no_answer comes back after this many working hours unless the
  // collector says otherwise.
  int retry_in_working_hours = 4;
};

struct RankedTask {
  CollectorTask task;
  double priority = 0;
};

bool IsFollowUp(TaskKind kind);  // failed_message, unknown_outcome, reply

double TaskPriority(const CollectorTask& task, const WorkListPolicy& policy);

std::vector<RankedTask> WorkListOrder(std::vector<CollectorTask> tasks,
                                      const WorkListPolicy& policy);

// REQUIRES: hours >= 0, IsKnownTimeZone(time_zone), policy.day_start < policy.day_end.
Instant AddWorkingHours(Instant from, int hours, std::string_view time_zone,
                        const BusinessCalendar& calendar, const WorkListPolicy& policy);

}  // namespace duly
