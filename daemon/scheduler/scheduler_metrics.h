// duly::daemon::SchedulerMetrics: what the engine scheduler did, as Prometheus text.
//
// Promise: counts timers fired, step runs written and failed rounds, and keeps a histogram of
// timer lateness (fire time minus due time, from FireReport::lateness_ms). RenderText() lists
// duly_engine_timers_fired_total, duly_engine_steps_run_total, duly_engine_errors_total and
// duly_engine_lateness_seconds (buckets, sum, count) in the text exposition format 0.0.4, to be
// appended to the daemon's /metrics. The pending-timers gauge is registered on the daemon's
// Metrics (it reads the store at render time).
// Thread-safety: every method is safe from many threads at once (atomics).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

#include "workflows/engine/timer_store.h"

namespace duly::daemon {

class SchedulerMetrics {
 public:
  // Upper bounds of the lateness buckets, in milliseconds (+Inf is implicit).
  static constexpr std::array<std::int64_t, 12> kLatenessBucketsMs = {
      1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 10000, 60000};

  void Observe(const FireReport& report);
  void CountError() { errors_.fetch_add(1, std::memory_order_relaxed); }

  std::int64_t timers_fired() const { return fired_.load(std::memory_order_relaxed); }
  std::int64_t steps_run() const { return steps_.load(std::memory_order_relaxed); }
  std::int64_t errors() const { return errors_.load(std::memory_order_relaxed); }

  std::string RenderText() const;

 private:
  std::atomic<std::int64_t> fired_{0};
  std::atomic<std::int64_t> steps_{0};
  std::atomic<std::int64_t> errors_{0};
  // Per-bucket (not cumulative) counts; the last one is +Inf.
  std::array<std::atomic<std::int64_t>, kLatenessBucketsMs.size() + 1> buckets_{};
  std::atomic<std::int64_t> lateness_sum_ms_{0};
  std::atomic<std::int64_t> lateness_count_{0};
};

}  // namespace duly::daemon
