// EngineScheduler over a real SQLite SociStore: it fires a due timer when woken after the test
// clock moved, and on the system clock it fires a timer at its due time (never early).
#include "daemon/scheduler/engine_scheduler.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "daemon/store/database_url.h"
#include "daemon/store/soci_store.h"
#include "workflows/clock.h"
#include "workflows/record_json.h"
#include "workflows/workflow_parser.h"

namespace duly::daemon {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;

constexpr const char* kSegments = R"({"segments": [{"id": "all", "priority": 1, "when": {}}]})";
constexpr const char* kWorkflow = R"({"id": "standard", "name": "Standard", "segment": "all",
  "steps": [{"id": "reminder-1", "at": "due+3d",
             "action": {"type": "message", "channel": "email", "template": "reminder-friendly"}}]})";

class EngineSchedulerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    dir_ = std::filesystem::temp_directory_path() /
           ("duly_scheduler_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  void OpenWith(const Clock& store_clock) {
    auto url = DatabaseUrl::Parse("sqlite://" + (dir_ / "duly.db").string());
    ASSERT_TRUE(url.has_value()) << url.error().message;
    auto store = OpenStore(*url, store_clock);
    ASSERT_TRUE(store.has_value()) << store.error().message;
    store_ = std::move(*store);
    auto workflow = ParseWorkflowText(kWorkflow);
    ASSERT_TRUE(workflow.has_value()) << workflow.error().message;
    CatalogStore& catalog = *store_;
    ASSERT_TRUE(catalog.SaveSegments(kSegments, Actor{"test"}).has_value());
    ASSERT_TRUE(catalog.SaveWorkflow(*workflow, kWorkflow, Actor{"test"}).has_value());
    auto customer = CustomerFromJson(
        json::parse(R"({"id": "C1", "name": "Bakkerij Jansen", "email": "info@jansen.example"})"),
        "");
    ASSERT_TRUE(customer.has_value()) << customer.error().message;
    ASSERT_TRUE(store_->UpsertCustomers({*customer}, Actor{"test"}).has_value());
  }

  // INV-1; the store writes its start timer at the store clock's now.
  void AddInvoice() {
    auto invoice = InvoiceFromJson(json::parse(R"({"id": "INV-1", "customer": "C1",
        "issued": "2026-02-08", "due": "2026-03-10", "amount": "1250.00"})"),
                                   "");
    ASSERT_TRUE(invoice.has_value()) << invoice.error().message;
    ASSERT_TRUE(store_->UpsertInvoices({*invoice}, Actor{"test"}).has_value());
  }

  // Runs the scheduler on its own loop thread until the test body returns.
  struct Running {
    net::io_context loop;
    net::thread_pool pool{1};
    std::unique_ptr<EngineScheduler> scheduler;
    std::thread thread;
    ~Running() {
      if (scheduler) scheduler->Stop();
      if (thread.joinable()) thread.join();
      pool.join();
    }
  };

  std::filesystem::path dir_;
  std::unique_ptr<SociStore> store_;
};

// Waits for a round that fired something, with a generous bound (no sleeps).
bool WaitForFiring(std::future<FireReport>& fired, milliseconds bound = milliseconds(10'000)) {
  return fired.wait_for(bound) == std::future_status::ready;
}

TEST_F(EngineSchedulerTest, OnTheTestClockFiresOnlyAfterTheClockMovesAndWakes) {
  ManualClock clock(FromEpochMillis(1772442000000));  // 2026-03-02T09:00:00Z
  ASSERT_NO_FATAL_FAILURE(OpenWith(clock));
  ASSERT_NO_FATAL_FAILURE(AddInvoice());
  Engine engine(*store_, *store_, clock, EngineOptions{});
  SchedulerMetrics metrics;
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<FireReport> rounds;  // guarded by mutex
  SchedulerOptions options;
  options.wait_for_wake = true;
  options.after_round = [&](const FireReport& report) {
    std::lock_guard lock(mutex);
    rounds.push_back(report);
    changed.notify_all();
  };
  // Waits (bounded) until `n` rounds have run; returns the last one.
  auto round = [&](std::size_t n) {
    std::unique_lock lock(mutex);
    EXPECT_TRUE(
        changed.wait_for(lock, std::chrono::seconds(10), [&] { return rounds.size() >= n; }));
    return rounds.size() >= n ? rounds[n - 1] : FireReport{};
  };

  Running running;
  running.scheduler = std::make_unique<EngineScheduler>(running.loop, running.pool, engine, clock,
                                                        metrics, options);
  running.scheduler->Start();
  running.thread = std::thread([&] { running.loop.run(); });

  // The first round fires the start timer; the reminder (2026-03-13 09:00 local) is not due.
  EXPECT_EQ(round(1).fired, 1);
  auto runs = store_->StepRuns("INV-1");
  ASSERT_TRUE(runs.has_value()) << runs.error().message;
  EXPECT_TRUE(runs->empty());

  clock.Set(FromEpochMillis(1773392400000 + 3'600'000));  // 2026-03-13T10:00:00Z
  running.scheduler->Wake();
  const FireReport second = round(2);
  EXPECT_EQ(second.fired, 1);
  EXPECT_EQ(second.new_runs, 1);
  runs = store_->StepRuns("INV-1");
  ASSERT_TRUE(runs.has_value()) << runs.error().message;
  ASSERT_EQ(runs->size(), 1U);
  EXPECT_EQ(runs->front().run.step, "reminder-1");
  EXPECT_EQ(runs->front().run.outcome, "ran");
  EXPECT_EQ(metrics.timers_fired(), 2);
  EXPECT_EQ(metrics.steps_run(), 1);
  EXPECT_NE(metrics.RenderText().find("duly_engine_lateness_seconds_count 2"), std::string::npos)
      << metrics.RenderText();
}

TEST_F(EngineSchedulerTest, CatchUpRunsEverythingDueBeforeItReturns) {
  ManualClock clock(FromEpochMillis(1772442000000));  // 2026-03-02T09:00:00Z
  ASSERT_NO_FATAL_FAILURE(OpenWith(clock));
  ASSERT_NO_FATAL_FAILURE(AddInvoice());
  Engine engine(*store_, *store_, clock, EngineOptions{});
  SchedulerMetrics metrics;
  std::promise<FireReport> first;
  std::atomic<bool> done{false};
  SchedulerOptions options;
  options.wait_for_wake = true;
  options.after_round = [&](const FireReport& report) {
    if (!done.exchange(true)) first.set_value(report);
  };
  std::future<FireReport> started = first.get_future();
  Running running;
  running.scheduler = std::make_unique<EngineScheduler>(running.loop, running.pool, engine, clock,
                                                        metrics, options);
  running.scheduler->Start();
  running.thread = std::thread([&] { running.loop.run(); });
  ASSERT_TRUE(WaitForFiring(started));
  EXPECT_EQ(started.get().fired, 1) << "the start timer";

  // The clock moves while CatchUp holds the engine, so the reminder is this call's.
  auto caught_up = running.scheduler->CatchUp(
      [&clock] { clock.Set(FromEpochMillis(1773392400000 + 3'600'000)); });  // 03-13T10:00Z
  ASSERT_TRUE(caught_up.has_value()) << caught_up.error().message;
  EXPECT_EQ(caught_up->fired, 1);
  EXPECT_EQ(caught_up->new_runs, 1);
  auto runs = store_->StepRuns("INV-1");
  ASSERT_TRUE(runs.has_value()) << runs.error().message;
  ASSERT_EQ(runs->size(), 1U);
  EXPECT_EQ(runs->front().run.step, "reminder-1");
}

TEST_F(EngineSchedulerTest, OnTheSystemClockFiresAtTheDueTimeNeverEarly) {
  SystemClock system;
  ManualClock store_clock(system.Now());
  ASSERT_NO_FATAL_FAILURE(OpenWith(store_clock));
  // The store writes the invoice's start timer at its clock's now: 50 ms ahead of real time.
  const Instant due = system.Now() + milliseconds(50);
  store_clock.Set(due);
  ASSERT_NO_FATAL_FAILURE(AddInvoice());
  auto timer = store_->GetTimer("INV-1");
  ASSERT_TRUE(timer.has_value()) << timer.error().message;
  ASSERT_TRUE(timer->has_value());
  ASSERT_EQ((*timer)->due_at, due);

  Engine engine(*store_, *store_, system, EngineOptions{});
  SchedulerMetrics metrics;
  std::promise<FireReport> first;
  std::atomic<bool> done{false};
  std::atomic<std::int64_t> fired_at_ms{0};
  SchedulerOptions options;
  options.after_round = [&](const FireReport& report) {
    if (report.fired > 0 && !done.exchange(true)) {
      fired_at_ms = ToEpochMillis(system.Now());
      first.set_value(report);
    }
  };
  std::future<FireReport> fired = first.get_future();
  Running running;
  running.scheduler = std::make_unique<EngineScheduler>(running.loop, running.pool, engine, system,
                                                        metrics, options);
  running.scheduler->Start();
  running.thread = std::thread([&] { running.loop.run(); });

  ASSERT_TRUE(WaitForFiring(fired));
  const FireReport report = fired.get();
  ASSERT_EQ(report.lateness_ms.size(), 1U);
  EXPECT_GE(report.lateness_ms.front(), 0) << "never early";
  EXPECT_LT(report.lateness_ms.front(), 1000);
  EXPECT_GE(fired_at_ms.load(), ToEpochMillis(due));
  EXPECT_EQ(metrics.timers_fired(), 1);
}

// The real store, except that the first `failures` FireDueTimers calls find the database gone.
class FlakyTimers : public TimerStore {
 public:
  FlakyTimers(TimerStore& store, int failures) : store_(store), failures_(failures) {}
  Result<FireReport> FireDueTimers(Instant now, int limit, const FactRequest& facts,
                                   bool with_colleagues, const TimerDecision& decide) override {
    if (failures_-- > 0) return Unavailable("database is locked (injected)");
    return store_.FireDueTimers(now, limit, facts, with_colleagues, decide);
  }
  Result<std::optional<Instant>> NextTimerDue() override { return store_.NextTimerDue(); }
  Result<std::vector<Timer>> PeekDueTimers(Instant now, int limit) override {
    return store_.PeekDueTimers(now, limit);
  }
  Status PostponeTimer(std::int64_t timer_id, Instant until, const std::string& error) override {
    return store_.PostponeTimer(timer_id, until, error);
  }
  Result<std::int64_t> PendingTimers() override { return store_.PendingTimers(); }
  Result<std::optional<Instance>> GetInstance(const std::string& invoice) override {
    return store_.GetInstance(invoice);
  }
  Result<std::optional<Timer>> GetTimer(const std::string& invoice) override {
    return store_.GetTimer(invoice);
  }
  Result<std::vector<StoredStepRun>> StepRuns(const std::string& invoice) override {
    return store_.StepRuns(invoice);
  }

 private:
  TimerStore& store_;
  std::atomic<int> failures_;
};

TEST_F(EngineSchedulerTest, AFailedRoundBacksOffAndTheLoopKeepsRunning) {
  ManualClock clock(FromEpochMillis(1772442000000));  // 2026-03-02T09:00:00Z
  ASSERT_NO_FATAL_FAILURE(OpenWith(clock));
  ASSERT_NO_FATAL_FAILURE(AddInvoice());
  FlakyTimers flaky(*store_, 2);
  Engine engine(flaky, *store_, clock, EngineOptions{});
  SchedulerMetrics metrics;
  std::promise<FireReport> first;
  std::atomic<bool> done{false};
  SchedulerOptions options;
  options.wait_for_wake = true;
  options.first_backoff = milliseconds(10);
  options.max_backoff = milliseconds(20);
  options.after_round = [&](const FireReport& report) {
    if (!done.exchange(true)) first.set_value(report);
  };
  std::future<FireReport> fired = first.get_future();
  Running running;
  running.scheduler = std::make_unique<EngineScheduler>(running.loop, running.pool, engine, clock,
                                                        metrics, options);
  running.scheduler->Start();
  running.thread = std::thread([&] { running.loop.run(); });

  ASSERT_TRUE(WaitForFiring(fired));
  EXPECT_EQ(fired.get().fired, 1) << "the start timer, once the database is back";
  EXPECT_EQ(metrics.errors(), 2);
}

}  // namespace
}  // namespace duly::daemon
