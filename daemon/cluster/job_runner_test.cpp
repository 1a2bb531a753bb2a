#include "daemon/cluster/job_runner.h"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

namespace duly::daemon {
namespace {

std::shared_ptr<Connections> MemoryDatabase() {
  Result<DatabaseUrl> url = DatabaseUrl::Parse("sqlite::memory:");
  return std::make_shared<Connections>(*url, StoreOptions{});
}

// Counts rounds and lets a test wait (with a deadline, never a sleep) until enough ran.
class RoundCounter {
 public:
  Status Round() {
    std::lock_guard<std::mutex> lock(mutex_);
    ++rounds_;
    changed_.notify_all();
    return Status::Ok();
  }
  bool WaitFor(int rounds) {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(10), [&] { return rounds_ >= rounds; });
  }
  int rounds() {
    std::lock_guard<std::mutex> lock(mutex_);
    return rounds_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int rounds_ = 0;
};

class JobRunnerTest : public ::testing::Test {
 protected:
  SingletonLock lock_{MemoryDatabase()};
  net::io_context loop_;
};

TEST_F(JobRunnerTest, EachJobRunsOnItsScheduleUntilStopped) {
  RoundCounter fast;
  RoundCounter slow;
  JobRunner runner(loop_, lock_);
  runner.Add({.name = "fast", .every = std::chrono::milliseconds(2), .round = [&] {
                return fast.Round();
              }});
  runner.Add(
      {.name = "slow", .every = std::chrono::hours(1), .round = [&] { return slow.Round(); }});
  runner.Start();
  std::thread loop([&] { loop_.run(); });
  const bool enough = fast.WaitFor(3);
  runner.Stop();
  loop.join();
  EXPECT_TRUE(enough);
  EXPECT_EQ(slow.rounds(), 0);
  EXPECT_NE(runner.MetricsText().find("duly_job_runs_total{job=\"slow\"} 0"), std::string::npos);
}

TEST_F(JobRunnerTest, RunAllNowRunsTheTestClockJobsOnceAndReportsTheFirstFailure) {
  RoundCounter escalations;
  RoundCounter heartbeat;
  JobRunner runner(loop_, lock_);
  runner.Add({.name = "broken", .every = std::chrono::hours(1), .round = [] {
                return Status(Unavailable("mail server down"));
              }});
  runner.Add({.name = "case-escalations", .every = std::chrono::hours(1), .round = [&] {
                return escalations.Round();
              }});
  runner.Add({.name = "heartbeat",
              .every = std::chrono::hours(1),
              .singleton = false,
              .on_test_clock = false,
              .round = [&] { return heartbeat.Round(); }});
  Status all = runner.RunAllNow();
  ASSERT_FALSE(all);
  EXPECT_EQ(all.error().message, "mail server down");
  EXPECT_EQ(escalations.rounds(), 1);  // a failing job does not stop the others
  EXPECT_EQ(heartbeat.rounds(), 0);
  const std::string metrics = runner.MetricsText();
  EXPECT_NE(metrics.find("duly_job_failures_total{job=\"broken\"} 1"), std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("duly_job_runs_total{job=\"case-escalations\"} 1"), std::string::npos);
}

TEST_F(JobRunnerTest, AFailingRoundKeepsItsSchedule) {
  std::mutex mutex;
  std::condition_variable changed;
  int attempts = 0;
  JobRunner runner(loop_, lock_);
  runner.Add({.name = "flaky", .every = std::chrono::milliseconds(2), .round = [&] {
                std::lock_guard<std::mutex> lock(mutex);
                ++attempts;
                changed.notify_all();
                return Status(Unavailable("database restarting"));
              }});
  runner.Start();
  std::thread loop([&] { loop_.run(); });
  bool retried = false;
  {
    std::unique_lock<std::mutex> lock(mutex);
    retried = changed.wait_for(lock, std::chrono::seconds(10), [&] { return attempts >= 2; });
  }
  runner.Stop();
  loop.join();
  EXPECT_TRUE(retried);
}

}  // namespace
}  // namespace duly::daemon
