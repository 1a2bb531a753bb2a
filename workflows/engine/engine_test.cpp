// Engine::RunDue over in-memory test doubles of TimerStore and CatalogStore (testdata/
// memory_stores.h): batching, catalog reload on a revision change, postponing a failing timer.
#include "workflows/engine/engine.h"

#include <gtest/gtest.h>

#include "workflows/engine/testdata/fixture.h"
#include "workflows/engine/testdata/memory_stores.h"
#include "workflows/workflow_parser.h"

namespace duly {
namespace {

using namespace testdata;  // NOLINT(google-build-using-namespace): test fixtures
using std::chrono::hours;
using std::chrono::seconds;

Invoice Numbered(int number) {
  Invoice invoice = Inv1();
  invoice.id = "INV-" + std::to_string(number);
  return invoice;
}

std::vector<std::string> Steps(const std::vector<StoredStepRun>& runs) {
  std::vector<std::string> steps;
  for (const StoredStepRun& run : runs) steps.push_back(run.run.step + "=" + run.run.outcome);
  return steps;
}

int CountEvents(const MemoryTimerStore& timers, std::string_view type) {
  return static_cast<int>(
      std::count_if(timers.state.events.begin(), timers.state.events.end(),
                    [&](const EngineEvent& event) { return event.type == type; }));
}

class EngineTest : public ::testing::Test {
 protected:
  EngineTest() {
    Save(kB2bStandard);
    EXPECT_TRUE(catalog_store_.SaveSegments(std::string(kSegments), Actor{"ann"}).has_value());
    timers_.colleagues = Colleagues();
  }

  void Save(std::string_view definition) {
    Result<Workflow> workflow = ParseWorkflowText(definition);
    ASSERT_TRUE(workflow.has_value()) << workflow.error().message;
    ASSERT_TRUE(catalog_store_.SaveWorkflow(*workflow, std::string(definition), Actor{"ann"}));
  }

  Engine MakeEngine(int batch_size = 256) {
    EngineOptions options;
    options.batch_size = batch_size;
    return Engine(timers_, catalog_store_, clock_, options);
  }

  MemoryTimerStore timers_;
  MemoryCatalogStore catalog_store_;
  ManualClock clock_{Local("2026-02-08", 12)};
};

TEST_F(EngineTest, FiresDueTimersInBatchesAndSumsTheReports) {
  for (int number = 1; number <= 5; ++number) {
    timers_.AddInvoice(Numbered(number), C1(), Local("2026-02-08", 12));
  }
  // Not due yet: stays.
  Invoice later = Numbered(6);
  timers_.AddInvoice(later, C1(), Local("2026-02-09", 12));
  clock_.Advance(std::chrono::minutes{1});
  Engine engine = MakeEngine(2);
  Result<FireReport> report = engine.RunDue();
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_EQ(report->fired, 5);
  EXPECT_EQ(report->events, 5);  // instance.started each
  EXPECT_EQ(report->lateness_ms, std::vector<std::int64_t>(5, 60'000));
  EXPECT_EQ(timers_.limits, (std::vector<int>{2, 2, 2}));
  // The catalog's segment rules read customer.avg_days_late (late-payers).
  ASSERT_FALSE(timers_.requests.empty());
  EXPECT_TRUE(timers_.requests[0].names.contains("customer.avg_days_late"));
  EXPECT_EQ(timers_.state.instances.size(), 5u);
  EXPECT_EQ(timers_.state.timers.at("INV-1").kind, TimerKind::kStep);
  EXPECT_EQ(timers_.state.timers.at("INV-6").kind, TimerKind::kStart);

  Result<std::optional<Instant>> next = engine.NextDue();
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(*next, std::optional<Instant>(Local("2026-02-09", 12)));
}

TEST_F(EngineTest, RunsAWholeWorkflowOnTheTestClock) {
  timers_.AddInvoice(Inv1(), C1(), Local("2026-02-08", 12));
  Engine engine = MakeEngine();
  for (int round = 0; round < 20; ++round) {
    Result<std::optional<Instant>> next = engine.NextDue();
    ASSERT_TRUE(next.has_value());
    if (!*next) break;
    clock_.Set(**next);
    ASSERT_TRUE(engine.RunDue().has_value());
  }
  EXPECT_EQ(Steps(timers_.state.runs),
            (std::vector<std::string>{"courtesy-call=skipped:condition", "reminder-1=ran",
                                      "reminder-2=ran", "follow-up-call=ran", "final-notice=ran",
                                      "tell-account-manager=ran", "handover=ran"}));
  EXPECT_EQ(timers_.state.instances.at("INV-1").reason, "handed_over");
  EXPECT_TRUE(timers_.state.timers.empty());
  ASSERT_EQ(timers_.state.messages.size(), 3u);
  EXPECT_EQ(timers_.state.messages[1].channel, "whatsapp");
}

TEST_F(EngineTest, RebuildsTheCatalogOnlyWhenTheRevisionChanges) {
  Engine engine = MakeEngine();
  Result<std::shared_ptr<const Catalog>> first = engine.CurrentCatalog();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ((*first)->Find("b2b-standard")->version, 1);
  ASSERT_TRUE(engine.RunDue().has_value());
  EXPECT_EQ(catalog_store_.builds_read, 1);

  // Running reminder-2 after version 2 was saved follows version 2.
  timers_.AddInvoice(Inv1(), C1(), Local("2026-02-08", 12));
  clock_.Set(Local("2026-03-13", 9));
  ASSERT_TRUE(engine.RunDue().has_value());  // start: courtesy overtaken, reminder-1 runs
  EXPECT_EQ(catalog_store_.builds_read, 1);
  nlohmann::json v2 = nlohmann::json::parse(kB2bStandard);
  v2["steps"][2]["action"]["template"] = "reminder-second-v2";
  Save(v2.dump());
  clock_.Set(Local("2026-03-20", 9));
  Result<FireReport> report = engine.RunDue();
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(catalog_store_.builds_read, 2);
  EXPECT_EQ((*engine.CurrentCatalog())->Find("b2b-standard")->version, 2);
  EXPECT_EQ(catalog_store_.builds_read, 2);
  ASSERT_FALSE(timers_.state.runs.empty());
  EXPECT_EQ(timers_.state.runs.back().run, (StepRun{"b2b-standard", 2, "reminder-2", "ran"}));
  EXPECT_EQ(CountEvents(timers_, "instance.moved"), 1);
  EXPECT_EQ(timers_.state.messages.back().template_id, "reminder-second-v2");
}

TEST_F(EngineTest, PostponesAFailingTimerWithDoublingBackOffAndRunsTheOthers) {
  for (int number = 1; number <= 3; ++number) {
    timers_.AddInvoice(Numbered(number), C1(), Local("2026-02-08", 12));
  }
  timers_.poisoned = {"INV-2"};
  Engine engine = MakeEngine();
  Result<FireReport> report = engine.RunDue();
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_EQ(report->fired, 2);
  EXPECT_EQ(timers_.state.instances.size(), 2u);
  EXPECT_FALSE(timers_.state.instances.contains("INV-2"));
  const Timer failed = timers_.state.timers.at("INV-2");
  EXPECT_EQ(failed.kind, TimerKind::kStart);
  EXPECT_EQ(failed.attempt, 1);
  EXPECT_EQ(failed.due_at, clock_.Now() + seconds{60});
  ASSERT_EQ(CountEvents(timers_, "engine.timer_failed"), 1);
  for (const EngineEvent& event : timers_.state.events) {
    if (event.type != "engine.timer_failed") continue;
    EXPECT_NE(event.payload.find("INV-2: constraint failed"), std::string::npos) << event.payload;
  }

  clock_.Set(failed.due_at);
  ASSERT_TRUE(engine.RunDue().has_value());
  EXPECT_EQ(timers_.state.timers.at("INV-2").attempt, 2);
  EXPECT_EQ(timers_.state.timers.at("INV-2").due_at, clock_.Now() + seconds{120});

  // The back-off stops doubling at one hour.
  timers_.state.timers.at("INV-2").attempt = 12;
  clock_.Set(timers_.state.timers.at("INV-2").due_at);
  ASSERT_TRUE(engine.RunDue().has_value());
  EXPECT_EQ(timers_.state.timers.at("INV-2").due_at, clock_.Now() + hours{1});

  // Fixed data: it fires normally.
  timers_.poisoned.clear();
  clock_.Set(timers_.state.timers.at("INV-2").due_at);
  report = engine.RunDue();
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->fired, 1);
  EXPECT_TRUE(timers_.state.instances.contains("INV-2"));
}

TEST_F(EngineTest, UnavailableStoreIsReturnedAtOnce) {
  timers_.AddInvoice(Inv1(), C1(), Local("2026-02-08", 12));
  timers_.unavailable = true;
  Engine engine = MakeEngine();
  Result<FireReport> report = engine.RunDue();
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(timers_.limits.size(), 1u);
  EXPECT_EQ(timers_.state.timers.at("INV-1").attempt, 0);
}

TEST_F(EngineTest, BrokenCatalogStopsTheRoundWithItsError) {
  catalog_store_.versions["b2b-standard"].back().definition = "{}";
  ++catalog_store_.revision;
  Engine engine = MakeEngine();
  Result<FireReport> report = engine.RunDue();
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, ErrorCode::kInternal);
  EXPECT_TRUE(timers_.limits.empty());
}

}  // namespace
}  // namespace duly
