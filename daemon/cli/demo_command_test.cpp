#include "daemon/cli/demo_command.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "daemon/cli/command_test_fixture.h"
#include "daemon/cli/duly_command.h"
#include "daemon/cli/history_command.h"

namespace duly::daemon {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

class DemoCommandTest : public CommandTest {};

TEST_F(DemoCommandTest, LoadingTwiceChangesNothingTheSecondTime) {
  ASSERT_EQ(RunDemoLoad(*store_, *store_, context_), kExitOk) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("Demo data for 2026-03-10"));
  EXPECT_THAT(out_.str(), HasSubstr("customers: 25 created"));
  EXPECT_THAT(out_.str(), HasSubstr("invoices: 80 created"));
  const auto events_after_first = store_->VerifyHistory()->events;

  auto second = LoadDemoData(*store_, *store_, *ParseCalendarDate("2026-03-10"));
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
  ASSERT_TRUE(LoadDemoData(*store_, *store_, *ParseCalendarDate("2026-03-10")));
  auto later = LoadDemoData(*store_, *store_, *ParseCalendarDate("2026-03-17"));
  ASSERT_TRUE(later) << later.error().message;
  EXPECT_EQ(later->payments.created, 0);
  EXPECT_EQ(later->customers, (UpsertSummary{0, 0, 25}));
}

TEST_F(DemoCommandTest, VerifyHistoryReportsEventsAndHeadHash) {
  ASSERT_EQ(RunDemoLoad(*store_, *store_, context_), kExitOk) << err_.str();
  ClearOutput();
  ASSERT_EQ(RunVerifyHistory(*store_, context_), kExitOk) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("History intact: "));
  EXPECT_THAT(out_.str(), ::testing::ContainsRegex("Head hash: [0-9a-f]{64}"));
}

TEST_F(DemoCommandTest, DulyDemoLoadSavesTheFourSegmentsAndOneWorkflowPerSegment) {
  const std::string url = "sqlite://" + dir_.File("demo.db");
  const char* argv[] = {"duly", "--database", url.c_str(), "demo", "load"};
  ASSERT_EQ(RunDulyCommand(5, argv, clock_, out_, err_), kExitOk) << err_.str();

  context_.database = url;
  std::unique_ptr<SociStore> loaded = context_.OpenDatabase();
  ASSERT_NE(loaded, nullptr) << err_.str();
  CatalogStore& catalog = *loaded;
  auto segments = catalog.LatestSegments();
  ASSERT_TRUE(segments) << segments.error().message;
  EXPECT_EQ(segments->version, 1);
  std::vector<std::string> segment_ids;
  const auto definition = nlohmann::json::parse(segments->definition);
  for (const auto& segment : definition.at("segments")) {
    segment_ids.push_back(segment.at("id").get<std::string>());
  }
  EXPECT_THAT(segment_ids, ElementsAre("key-accounts", "late-payers", "consumers", "b2b-standard"));

  auto workflows = catalog.LatestWorkflows();
  ASSERT_TRUE(workflows) << workflows.error().message;
  std::vector<std::string> workflow_segments;
  for (const WorkflowVersion& workflow : *workflows) {
    EXPECT_EQ(workflow.version, 1) << workflow.id;
    EXPECT_EQ(workflow.id, workflow.segment);
    workflow_segments.push_back(workflow.segment);
  }
  EXPECT_THAT(workflow_segments,
              UnorderedElementsAre("key-accounts", "late-payers", "consumers", "b2b-standard"));

  // Loading again saves no new versions.
  auto revision = catalog.CatalogRevision();
  ASSERT_TRUE(revision);
  ASSERT_EQ(RunDulyCommand(5, argv, clock_, out_, err_), kExitOk) << err_.str();
  EXPECT_EQ(*catalog.CatalogRevision(), *revision);
}

}  // namespace
}  // namespace duly::daemon
