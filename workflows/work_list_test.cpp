#include "workflows/work_list.h"

#include <gtest/gtest.h>

namespace duly {
namespace {

Instant At(std::int64_t millis) { return FromEpochMillis(millis); }

// 2026-03-10T08:00:00Z plus `minutes`.
Instant March10(int minutes) { return At(1773129600000 + std::int64_t{minutes} * 60000); }

CollectorTask Task(std::int64_t id, TaskKind kind, const char* amount, std::int64_t days,
                   std::string segment, Instant due_at = March10(0)) {
  CollectorTask task;
  task.id = id;
  task.kind = kind;
  task.customer = "C" + std::to_string(id);
  task.open_amount = *Money::Parse(amount);
  task.days_overdue = days;
  task.segment = std::move(segment);
  task.due_at = due_at;
  return task;
}

WorkListPolicy Policy() {
  WorkListPolicy policy;
  policy.segment_weights = {{"sme", 1.5}, {"vip", 3.0}};
  policy.follow_up_boost = 2.0;
  return policy;
}

TEST(WorkList, PriorityIsAmountTimesDaysTimesSegmentWeightTimesBoost) {
  const WorkListPolicy policy = Policy();
  // 1250.00 x 10 days x 1.5 (sme)
  EXPECT_DOUBLE_EQ(TaskPriority(Task(1, TaskKind::kCall, "1250.00", 10, "sme"), policy), 18750.0);
  // 0 days overdue counts as 1; no segment weighs 1.0
  EXPECT_DOUBLE_EQ(TaskPriority(Task(2, TaskKind::kCall, "500.00", 0, ""), policy), 500.0);
  // an unlisted segment weighs 1.0; a failed message is boosted x2: 400.50 x 5 x 1 x 2
  EXPECT_DOUBLE_EQ(TaskPriority(Task(3, TaskKind::kFailedMessage, "400.50", 5, "consumer"), policy),
                   4005.0);
  // 99.99 x 3 x 3.0 (vip) x 2 (reply)
  EXPECT_DOUBLE_EQ(TaskPriority(Task(4, TaskKind::kReply, "99.99", 3, "vip"), policy), 1799.82);
  // a credit balance never makes a negative priority
  EXPECT_DOUBLE_EQ(TaskPriority(Task(5, TaskKind::kCall, "-20.00", 30, ""), policy), 0.0);
  EXPECT_TRUE(IsFollowUp(TaskKind::kUnknownOutcome));
  EXPECT_FALSE(IsFollowUp(TaskKind::kCall));
}

std::vector<std::int64_t> Ids(const std::vector<RankedTask>& ranked) {
  std::vector<std::int64_t> ids;
  for (const RankedTask& each : ranked) ids.push_back(each.task.id);
  return ids;
}

TEST(WorkList, RepliesFirstThenPriorityThenDueThenId) {
  const std::vector<CollectorTask> tasks = {
      Task(10, TaskKind::kCall, "500.00", 0, "", March10(60)),      // 500, due later
      Task(11, TaskKind::kCall, "1250.00", 10, "sme"),              // 18750
      Task(12, TaskKind::kReply, "0.00", 0, ""),                    // reply, priority 0
      Task(13, TaskKind::kFailedMessage, "400.50", 5, "consumer"),  // 4005
      Task(14, TaskKind::kCall, "250.00", 2, "", March10(0)),       // 500, due earlier
      Task(9, TaskKind::kCall, "500.00", 0, "", March10(60)),       // 500, same due, lower id
      Task(15, TaskKind::kReply, "100.00", 1, "", March10(-30)),    // reply, priority 200
  };
  const std::vector<RankedTask> ranked = WorkListOrder(tasks, Policy());
  EXPECT_EQ(Ids(ranked), (std::vector<std::int64_t>{15, 12, 11, 13, 14, 9, 10}));
  EXPECT_DOUBLE_EQ(ranked[0].priority, 200.0);
  EXPECT_DOUBLE_EQ(ranked[2].priority, 18750.0);

  WorkListPolicy by_priority_only = Policy();
  by_priority_only.replies_first = false;
  EXPECT_EQ(Ids(WorkListOrder(tasks, by_priority_only)),
            (std::vector<std::int64_t>{11, 13, 14, 9, 10, 15, 12}));
}

// Working hours: 08:00-18:00 local on working days. March 2026 is CET (+01:00) until the 29th,
// then CEST (+02:00). Expected instants are written in UTC.
TEST(WorkList, AddWorkingHoursStaysInsideWorkingTime) {
  const BusinessCalendar nl("NL");
  const WorkListPolicy policy = Policy();
  auto add = [&](Instant from, int hours) {
    return FormatInstantUtc(AddWorkingHours(from, hours, "Europe/Amsterdam", nl, policy));
  };
  // Tue 10:00 local + 4h = 14:00 local.
  EXPECT_EQ(add(March10(60), 4), "2026-03-10T13:00:00.000Z");
  // Tue 15:00 local + 4h: 3h today, 1h on Wednesday from 08:00.
  EXPECT_EQ(add(March10(6 * 60), 4), "2026-03-11T08:00:00.000Z");
  // Tue 14:00 local + 4h ends exactly at 18:00: the next working moment, Wednesday 08:00.
  EXPECT_EQ(add(March10(5 * 60), 4), "2026-03-11T07:00:00.000Z");
  // Tue 06:00 local (before opening) + 1h = 09:00 local.
  EXPECT_EQ(add(March10(-3 * 60), 1), "2026-03-10T08:00:00.000Z");
  // Sunday 12:00 local + 2h = Monday 10:00 local.
  EXPECT_EQ(add(March10(-2 * 24 * 60 + 3 * 60), 2), "2026-03-09T09:00:00.000Z");
  // Fri 27 March 16:00 CET + 4h: 2h Friday, 2h on Monday 30 March, now CEST: 10:00 local.
  EXPECT_EQ(add(March10(17 * 24 * 60 + 7 * 60), 4), "2026-03-30T08:00:00.000Z");
  // Thu 2 April 17:00 CEST + 4h: 1h Thursday, Good Friday (3 April, closed in this calendar,
  // Atw art. 3 lid 2), the weekend, Easter Monday (6 April), then 3h on Tuesday: 11:00 local.
  EXPECT_EQ(add(FromEpochMillis(1775228400000 - 24 * 3600000), 4), "2026-04-07T09:00:00.000Z");
  // Zero hours: the moment itself inside working time, else the next opening.
  EXPECT_EQ(add(March10(60), 0), "2026-03-10T09:00:00.000Z");
  EXPECT_EQ(add(March10(-2 * 24 * 60), 0), "2026-03-09T07:00:00.000Z");
  // A full working day (10h) from Tue 08:00 local is Wednesday 08:00 local.
  EXPECT_EQ(add(March10(-60), 10), "2026-03-11T07:00:00.000Z");
}

TEST(WorkList, AddWorkingHoursUsesTheCustomersCountryAndZone) {
  // Belgium's national day, Tuesday 21 July 2026, is a holiday there but not in the Netherlands.
  // Mon 20 July 17:00 CEST (15:00Z) + 2h.
  const Instant monday_five_pm = FromEpochMillis(1784559600000);
  EXPECT_EQ(FormatInstantUtc(monday_five_pm), "2026-07-20T15:00:00.000Z");
  EXPECT_EQ(FormatInstantUtc(AddWorkingHours(monday_five_pm, 2, "Europe/Brussels",
                                             BusinessCalendar("BE"), Policy())),
            "2026-07-22T07:00:00.000Z");
  EXPECT_EQ(FormatInstantUtc(AddWorkingHours(monday_five_pm, 2, "Europe/Amsterdam",
                                             BusinessCalendar("NL"), Policy())),
            "2026-07-21T07:00:00.000Z");
  // London is an hour behind: 16:00 local there, so 1h more ends at 17:00 local the same day.
  EXPECT_EQ(FormatInstantUtc(AddWorkingHours(monday_five_pm, 1, "Europe/London",
                                             BusinessCalendar("GB"), Policy())),
            "2026-07-20T16:00:00.000Z");
}

}  // namespace
}  // namespace duly
