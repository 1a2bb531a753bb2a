// DispatchLoop over the in-memory outbox and FakeChannel: it sends when woken after the test
// clock moved, on the system clock at the due time (never early), wakes early on Wake(), backs
// off after a failed round, and Stop() lets the sends in flight finish and be recorded.
#include "daemon/dispatch/dispatch_loop.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "channels/dispatch/testdata/delayed_channel.h"
#include "channels/dispatch/testdata/memory_outbox.h"
#include "channels/dispatch/testdata/memory_tasks.h"
#include "channels/dispatch/testdata/scripted_composer.h"
#include "channels/testing/fake_channel.h"

namespace duly::daemon {
namespace {

using channels::DispatchReport;
using std::chrono::milliseconds;
constexpr milliseconds kBound{10'000};

// Every report the loop hands to after_round, with a bounded wait for the n-th.
class Rounds {
 public:
  void Add(const DispatchReport& report) {
    std::lock_guard lock(mutex_);
    reports_.push_back(report);
    changed_.notify_all();
  }
  // Waits until a round satisfying `pred` has run; returns it (an empty report on time-out).
  template <typename Pred>
  DispatchReport WaitFor(Pred pred) {
    std::unique_lock lock(mutex_);
    DispatchReport found;
    const bool ok = changed_.wait_for(lock, kBound, [&] {
      for (const DispatchReport& report : reports_) {
        if (pred(report)) {
          found = report;
          return true;
        }
      }
      return false;
    });
    EXPECT_TRUE(ok) << "no such round within the bound";
    return found;
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<DispatchReport> reports_;
};

// A composer that says when the first message of a round is being composed.
class SignallingComposer final : public channels::MessageComposer {
 public:
  Result<channels::OutboundMessage> Compose(const OutboxMessage& row) override {
    {
      std::lock_guard lock(mutex_);
      composing_ = true;
    }
    changed_.notify_all();
    return inner_.Compose(row);
  }
  bool WaitUntilComposing() {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, kBound, [this] { return composing_; });
  }

 private:
  channels::ScriptedComposer inner_;
  std::mutex mutex_;
  std::condition_variable changed_;
  bool composing_ = false;
};

// The stores, composer, channel and dispatcher one loop works on.
struct World {
  explicit World(const Clock& world_clock, milliseconds channel_delay = milliseconds(0))
      : clock(world_clock), outbox(world_clock), tasks(world_clock), sms(provider, channel_delay) {}

  void Build(channels::DispatchOptions options = {}) {
    options.owner = "node-1";
    options.workers = 2;
    dispatcher = std::make_unique<channels::Dispatcher>(
        outbox, composer, tasks, channels::ChannelsByName{{"sms", &sms}}, clock, options);
  }
  std::int64_t Queue(Instant due) {
    OutboxMessage row;
    row.recipient = "C1";
    row.customer = "C1";
    row.channel = "sms";
    row.language = "nl";
    row.items = {{"INV-" + std::to_string(++invoices), "reminder-1", "reminder-friendly"}};
    row.due_at = due;
    return outbox.Add(std::move(row));
  }

  const Clock& clock;
  channels::MemoryOutbox outbox;
  channels::MemoryTasks tasks;
  SignallingComposer composer;
  channels::FakeChannel provider{"sms"};
  channels::DelayedChannel sms;
  std::unique_ptr<channels::Dispatcher> dispatcher;
  int invoices = 0;
};

// The loop on its own thread, stopped and joined when the test body returns.
struct Running {
  net::io_context loop;
  net::thread_pool pool{1};
  std::unique_ptr<DispatchLoop> dispatch;
  std::thread thread;
  void Start(World& world, channels::DispatchMetrics& metrics, DispatchLoopOptions options) {
    dispatch = std::make_unique<DispatchLoop>(loop, pool, *world.dispatcher, world.clock, metrics,
                                              std::move(options));
    dispatch->Start();
    thread = std::thread([this] { loop.run(); });
  }
  // Stops the loop and waits for it; true when the coroutine returned.
  bool StopAndJoin() {
    if (dispatch) dispatch->Stop();
    if (thread.joinable()) thread.join();
    return dispatch && dispatch->finished();
  }
  ~Running() {
    StopAndJoin();
    pool.join();
  }
};

constexpr std::int64_t kStartMs = 1772442000000;  // 2026-03-02T09:00:00Z

TEST(DispatchLoopTest, OnTheTestClockSendsOnlyAfterTheClockMovesAndWakes) {
  ManualClock clock(FromEpochMillis(kStartMs));
  World world(clock);
  world.Build();
  const std::int64_t id = world.Queue(clock.Now() + std::chrono::minutes(1));
  channels::DispatchMetrics metrics;
  Rounds rounds;
  DispatchLoopOptions options;
  options.wait_for_wake = true;
  options.after_round = [&rounds](const DispatchReport& report) { rounds.Add(report); };
  Running running;
  running.Start(world, metrics, options);

  EXPECT_EQ(rounds.WaitFor([](const DispatchReport&) { return true; }).leased, 0);
  EXPECT_EQ(world.outbox.Get(id).state, "pending");
  clock.Advance(std::chrono::minutes(1));
  running.dispatch->Wake();
  EXPECT_EQ(rounds.WaitFor([](const DispatchReport& r) { return r.sent > 0; }).sent, 1);
  EXPECT_EQ(world.outbox.Get(id).state, "sent");
  EXPECT_EQ(metrics.outcome("sent"), 1);
  EXPECT_NE(metrics.RenderText().find("duly_outbox_messages_total{outcome=\"sent\"} 1"),
            std::string::npos);
  EXPECT_TRUE(running.StopAndJoin());
}

TEST(DispatchLoopTest, OnTheSystemClockSendsAtTheDueTimeNeverEarly) {
  SystemClock clock;
  World world(clock);
  world.Build();
  const Instant due = clock.Now() + milliseconds(80);
  const std::int64_t id = world.Queue(due);
  channels::DispatchMetrics metrics;
  Rounds rounds;
  std::atomic<std::int64_t> sent_at_ms{0};
  DispatchLoopOptions options;
  options.after_round = [&](const DispatchReport& report) {
    if (report.sent > 0) sent_at_ms = ToEpochMillis(clock.Now());
    rounds.Add(report);
  };
  Running running;
  running.Start(world, metrics, options);
  rounds.WaitFor([](const DispatchReport& r) { return r.sent > 0; });
  EXPECT_EQ(world.outbox.Get(id).state, "sent");
  ASSERT_TRUE(world.outbox.Get(id).sent_at.has_value());
  EXPECT_GE(*world.outbox.Get(id).sent_at, due) << "never early";
  EXPECT_LT(sent_at_ms.load() - ToEpochMillis(due), 1000);
}

TEST(DispatchLoopTest, WakeEndsTheSleepLongBeforeThePoll) {
  SystemClock clock;
  World world(clock);
  world.Build();
  channels::DispatchMetrics metrics;
  Rounds rounds;
  DispatchLoopOptions options;
  options.poll = std::chrono::minutes(10);
  options.after_round = [&rounds](const DispatchReport& report) { rounds.Add(report); };
  Running running;
  running.Start(world, metrics, options);
  rounds.WaitFor([](const DispatchReport&) { return true; });  // nothing due: sleeps 10 min
  const auto woken = std::chrono::steady_clock::now();
  const std::int64_t id = world.Queue(clock.Now());
  running.dispatch->Wake();
  rounds.WaitFor([](const DispatchReport& r) { return r.sent > 0; });
  EXPECT_EQ(world.outbox.Get(id).state, "sent");
  EXPECT_LT(std::chrono::steady_clock::now() - woken, std::chrono::seconds(5));
}

TEST(DispatchLoopTest, AFailedRoundBacksOffAndTheLoopKeepsRunning) {
  ManualClock clock(FromEpochMillis(kStartMs));
  World world(clock);
  world.Build();
  const std::int64_t id = world.Queue(clock.Now());
  world.outbox.FailNextLeases(2, Unavailable("database is locked (injected)"));
  channels::DispatchMetrics metrics;
  Rounds rounds;
  DispatchLoopOptions options;
  options.wait_for_wake = true;
  options.first_backoff = milliseconds(10);
  options.max_backoff = milliseconds(20);
  options.after_round = [&rounds](const DispatchReport& report) { rounds.Add(report); };
  Running running;
  running.Start(world, metrics, options);
  EXPECT_EQ(rounds.WaitFor([](const DispatchReport& r) { return r.sent > 0; }).sent, 1)
      << "sent once the database is back";
  EXPECT_EQ(world.outbox.Get(id).state, "sent");
  EXPECT_EQ(metrics.errors(), 2);
  EXPECT_NE(metrics.RenderText().find("duly_outbox_errors_total 2"), std::string::npos);
}

TEST(DispatchLoopTest, StopLetsTheSendsInFlightFinishAndBeRecorded) {
  SystemClock clock;
  World world(clock, milliseconds(100));  // the provider answers 100 ms after each request
  world.Build();
  for (int i = 0; i < 300; ++i) world.Queue(clock.Now());
  channels::DispatchMetrics metrics;
  Running running;
  running.Start(world, metrics, DispatchLoopOptions{});
  ASSERT_TRUE(world.composer.WaitUntilComposing());
  ASSERT_TRUE(running.StopAndJoin()) << "the loop ended";
  EXPECT_EQ(world.sms.in_flight(), 0) << "no send was abandoned";
  EXPECT_EQ(world.outbox.CountInState("sent"), 300);
  EXPECT_EQ(world.outbox.CountInState("leased"), 0);
  EXPECT_EQ(metrics.outcome("sent"), 300);
}

}  // namespace
}  // namespace duly::daemon
