#include "daemon/cluster/job_runner.h"

#include <spdlog/spdlog.h>

namespace duly::daemon {

struct JobRunner::Entry {
  Entry(net::io_context& loop, PeriodicJob periodic) : job(std::move(periodic)), timer(loop) {}

  PeriodicJob job;
  net::steady_timer timer;  // the loop's thread only
  std::mutex running;       // one round of this job at a time
  std::atomic<std::int64_t> runs{0};
  std::atomic<std::int64_t> failures{0};
  std::atomic<std::int64_t> skipped{0};
  std::atomic<double> last_seconds{0.0};
};

JobRunner::JobRunner(net::io_context& loop, SingletonLock& lock) : loop_(loop), lock_(lock) {}

JobRunner::~JobRunner() {
  stopping_ = true;
  worker_.join();
}

void JobRunner::Add(PeriodicJob job) {
  entries_.push_back(std::make_unique<Entry>(loop_, std::move(job)));
}

void JobRunner::Start() {
  net::post(loop_, [this] {
    for (const auto& entry : entries_) Arm(*entry);
  });
}

void JobRunner::Stop() {
  stopping_ = true;
  net::post(loop_, [this] {
    for (const auto& entry : entries_) entry->timer.cancel();
  });
}

void JobRunner::Arm(Entry& entry) {
  if (stopping_) return;
  entry.timer.expires_after(entry.job.every);
  entry.timer.async_wait([this, &entry](const beast::error_code& ec) {
    if (ec || stopping_) return;
    // The loop must not run out of work while the round runs on the worker.
    net::post(worker_, [this, &entry, busy = net::make_work_guard(loop_)] {
      (void)RunOnce(entry);
      net::post(loop_, [this, &entry] { Arm(entry); });
    });
  });
}

Status JobRunner::RunOnce(Entry& entry) {
  std::lock_guard<std::mutex> one_round(entry.running);
  const auto started = std::chrono::steady_clock::now();
  Status outcome = Status::Ok();
  bool ran = true;
  if (entry.job.singleton) {
    Result<bool> alone = lock_.RunAlone(entry.job.name, entry.job.round);
    if (!alone) {
      outcome = std::move(alone).error();
    } else {
      ran = *alone;
    }
  } else {
    outcome = entry.job.round();
  }
  entry.last_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!outcome) {
    ++entry.failures;
    spdlog::error("job {}: the round failed: {}", entry.job.name, outcome.error().message);
  } else if (!ran) {
    ++entry.skipped;
    spdlog::debug("job {}: another node is running it; skipped", entry.job.name);
  } else {
    ++entry.runs;
  }
  return outcome;
}

Status JobRunner::RunAllNow() {
  Status first = Status::Ok();
  for (const auto& entry : entries_) {
    if (!entry->job.on_test_clock) continue;
    Status ran = RunOnce(*entry);
    if (!ran && first) first = std::move(ran);
  }
  return first;
}

std::string JobRunner::MetricsText() const {
  std::string runs =
      "# HELP duly_job_runs_total Rounds of a periodic job this node ran.\n"
      "# TYPE duly_job_runs_total counter\n";
  std::string failures =
      "# HELP duly_job_failures_total Rounds of a periodic job that failed.\n"
      "# TYPE duly_job_failures_total counter\n";
  std::string skipped =
      "# HELP duly_job_skipped_total Rounds skipped because another node was running the job.\n"
      "# TYPE duly_job_skipped_total counter\n";
  std::string seconds =
      "# HELP duly_job_last_duration_seconds How long the job's last round took.\n"
      "# TYPE duly_job_last_duration_seconds gauge\n";
  for (const auto& entry : entries_) {
    const std::string label = "{job=\"" + entry->job.name + "\"} ";
    runs += "duly_job_runs_total" + label + std::to_string(entry->runs.load()) + "\n";
    failures += "duly_job_failures_total" + label + std::to_string(entry->failures.load()) + "\n";
    skipped += "duly_job_skipped_total" + label + std::to_string(entry->skipped.load()) + "\n";
    seconds += "duly_job_last_duration_seconds" + label +
               std::to_string(entry->last_seconds.load()) + "\n";
  }
  return runs + failures + skipped + seconds;
}

}  // namespace duly::daemon
