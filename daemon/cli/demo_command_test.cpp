#include "daemon/cli/demo_command.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "daemon/cli/command_test_fixture.h"
#include "daemon/cli/history_command.h"

namespace duly::daemon {
namespace {

using ::testing::HasSubstr;

class DemoCommandTest : public CommandTest {};

TEST_F(DemoCommandTest, LoadingTwiceChangesNothingTheSecondTime) {
  ASSERT_EQ(RunDemoLoad(*store_, context_), kExitOk) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("Demo data for 2026-03-10"));
  EXPECT_THAT(out_.str(), HasSubstr("customers: 25 created"));
  EXPECT_THAT(out_.str(), HasSubstr("invoices: 80 created"));
  const auto events_after_first = store_->VerifyHistory()->events;

  auto second = LoadDemoData(*store_, *ParseCalendarDate("2026-03-10"));
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->colleagues, (UpsertSummary{0, 0, 6}));
  EXPECT_EQ(second->customers, (UpsertSummary{0, 0, 25}));
  EXPECT_EQ(second->invoices, (UpsertSummary{0, 0, 80}));
  EXPECT_EQ(second->payments.created, 0);
  EXPECT_GT(second->payments.unchanged, 0);
  auto verdict = store_->VerifyHistory();
  ASSERT_TRUE(verdict);
  EXPECT_TRUE(verdict->intact);
  EXPECT_EQ(verdict->events, events_after_first);
}

TEST_F(DemoCommandTest, LoadingOnALaterDayDoesNotConflict) {
  ASSERT_TRUE(LoadDemoData(*store_, *ParseCalendarDate("2026-03-10")));
  auto later = LoadDemoData(*store_, *ParseCalendarDate("2026-03-17"));
  ASSERT_TRUE(later) << later.error().message;
  EXPECT_EQ(later->payments.created, 0);
  EXPECT_EQ(later->customers, (UpsertSummary{0, 0, 25}));
}

TEST_F(DemoCommandTest, VerifyHistoryReportsEventsAndHeadHash) {
  ASSERT_EQ(RunDemoLoad(*store_, context_), kExitOk) << err_.str();
  ClearOutput();
  ASSERT_EQ(RunVerifyHistory(*store_, context_), kExitOk) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("History intact: "));
  EXPECT_THAT(out_.str(), ::testing::ContainsRegex("Head hash: [0-9a-f]{64}"));
}

}  // namespace
}  // namespace duly::daemon
