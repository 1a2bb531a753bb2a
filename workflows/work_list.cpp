#include "workflows/work_list.h"

#include <algorithm>
#include <tuple>

#include <date/tz.h>

namespace duly {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;

// The instant of `local` (milliseconds since the local epoch) in `zone`: a skipped local time
// maps to the end of the gap, a repeated one to its first occurrence (as LocalMoment does).
Instant ToInstant(const date::time_zone* zone, date::local_time<milliseconds> local) {
  const date::local_info info = zone->get_info(local);
  if (info.result == date::local_info::nonexistent) return Instant{info.first.end};
  return Instant{local.time_since_epoch() - info.first.offset};
}

}  // namespace

bool IsFollowUp(TaskKind kind) { return kind != TaskKind::kCall; }

double TaskPriority(const CollectorTask& task, const WorkListPolicy& policy) {
  const double amount =
      static_cast<double>(std::max<std::int64_t>(task.open_amount.cents(), 0)) / 100.0;
  const double days = static_cast<double>(std::max<std::int64_t>(task.days_overdue, 1));
  double weight = 1.0;
  if (auto found = policy.segment_weights.find(task.segment);
      !task.segment.empty() && found != policy.segment_weights.end()) {
    weight = found->second;
  }
  const double boost = IsFollowUp(task.kind) ? policy.follow_up_boost : 1.0;
  return amount * days * weight * boost;
}

std::vector<RankedTask> WorkListOrder(std::vector<CollectorTask> tasks,
                                      const WorkListPolicy& policy) {
  std::vector<RankedTask> ranked;
  ranked.reserve(tasks.size());
  for (CollectorTask& task : tasks) {
    const double priority = TaskPriority(task, policy);
    ranked.push_back(RankedTask{std::move(task), priority});
  }
  auto key = [&policy](const RankedTask& ranked_task) {
    const bool first = policy.replies_first && ranked_task.task.kind == TaskKind::kReply;
    // Negated so that one ascending comparison sorts replies and high priorities first.
    return std::make_tuple(first ? 0 : 1, -ranked_task.priority, ranked_task.task.due_at,
                           ranked_task.task.id);
  };
  std::sort(ranked.begin(), ranked.end(),
            [&key](const RankedTask& a, const RankedTask& b) { return key(a) < key(b); });
  return ranked;
}

Instant AddWorkingHours(Instant from, int hours, std::string_view time_zone,
                        const BusinessCalendar& calendar, const WorkListPolicy& policy) {
  const date::time_zone* zone = date::locate_zone(time_zone);
  const date::local_time<milliseconds> local = zone->to_local(from);
  CalendarDate day{std::chrono::floor<date::days>(local).time_since_epoch()};
  milliseconds time_of_day = local.time_since_epoch() - day.time_since_epoch();
  milliseconds remaining = std::chrono::hours(hours);
  const milliseconds start = policy.day_start;
  const milliseconds end = policy.day_end;
  // Walk working days: each contributes the working time left in it.
  while (true) {
    if (!calendar.IsWorkingDay(day) || time_of_day >= end) {
      day = calendar.NextWorkingDay(day);
      time_of_day = start;
      continue;
    }
    time_of_day = std::max(time_of_day, start);
    const milliseconds available = end - time_of_day;
    if (remaining < available) {
      return ToInstant(
          zone, date::local_time<milliseconds>{day.time_since_epoch() + time_of_day + remaining});
    }
    remaining -= available;
    day = calendar.NextWorkingDay(day);
    time_of_day = start;
  }
}

}  // namespace duly
