// duly::daemon::JobRunner: the daemon's periodic jobs (the print batch, case reminders and
// escalations, promise and plan rounds, the node heartbeat, the management report).
//
// Promise: after Start(), each job's round runs every `every` on the runner's own worker thread
// (never on the event loop, never on the HTTP blocking pool), one job after another, so a slow
// round delays the next rounds but never runs twice at once. A `singleton` job runs under the
// SingletonLock: on PostgreSQL with several nodes, a round another node is running is skipped,
// not queued. A failing round is logged with the job's name and counted; the job keeps its
// schedule. RunAllNow() runs every job marked `on_test_clock` once on the calling thread (for the
// test clock: after time moved, due reminders and escalations must not wait for the next tick),
// waiting for a round of the same job already under way. Stop() cancels the schedule; a round
// under way finishes. MetricsText() renders per job: duly_job_runs_total, duly_job_failures_total,
// duly_job_skipped_total (held by another node), duly_job_last_duration_seconds.
// Thread-safety: Add before Start; Start and Stop once, from any thread; RunAllNow and
// MetricsText are safe from any thread. The io_context and the lock must outlive the runner.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "daemon/http/net.h"
#include "daemon/store/singleton_lock.h"
#include "workflows/status.h"

namespace duly::daemon {

struct PeriodicJob {
  std::string name;  // "case-escalations": lock name, log and metrics label
  std::chrono::milliseconds every{std::chrono::minutes(1)};
  bool singleton = true;      // one node at a time
  bool on_test_clock = true;  // RunAllNow() runs it
  std::function<Status()> round;
};

class JobRunner {
 public:
  JobRunner(net::io_context& loop, SingletonLock& lock);
  ~JobRunner();
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  void Add(PeriodicJob job);
  void Start();
  void Stop();
  Status RunAllNow();
  std::string MetricsText() const;

 private:
  struct Entry;
  void Arm(Entry& entry);
  Status RunOnce(Entry& entry);

  net::io_context& loop_;
  SingletonLock& lock_;
  std::vector<std::unique_ptr<Entry>> entries_;
  std::atomic<bool> stopping_{false};
  net::thread_pool worker_{1};
};

}  // namespace duly::daemon
