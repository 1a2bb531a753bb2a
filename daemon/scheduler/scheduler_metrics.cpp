#include "daemon/scheduler/scheduler_metrics.h"

#include <algorithm>
#include <cstddef>
#include <string>

namespace duly::daemon {
namespace {

std::string Seconds(std::int64_t milliseconds) {
  const std::int64_t whole = milliseconds / 1000;
  const std::int64_t rest = milliseconds % 1000;
  std::string fraction = std::to_string(rest < 0 ? -rest : rest);
  fraction.insert(0, 3 - fraction.size(), '0');
  return (milliseconds < 0 && whole == 0 ? "-" : "") + std::to_string(whole) + "." + fraction;
}

}  // namespace

void SchedulerMetrics::Observe(const FireReport& report) {
  fired_.fetch_add(report.fired, std::memory_order_relaxed);
  steps_.fetch_add(report.new_runs, std::memory_order_relaxed);
  for (const std::int64_t lateness : report.lateness_ms) {
    const auto bucket = static_cast<std::size_t>(
        std::lower_bound(kLatenessBucketsMs.begin(), kLatenessBucketsMs.end(), lateness) -
        kLatenessBucketsMs.begin());
    buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
    lateness_sum_ms_.fetch_add(lateness, std::memory_order_relaxed);
    lateness_count_.fetch_add(1, std::memory_order_relaxed);
  }
}

std::string SchedulerMetrics::RenderText() const {
  std::string text;
  text += "# HELP duly_engine_timers_fired_total Engine timers taken and decided.\n";
  text += "# TYPE duly_engine_timers_fired_total counter\n";
  text += "duly_engine_timers_fired_total " + std::to_string(timers_fired()) + "\n";
  text += "# HELP duly_engine_steps_run_total Workflow steps executed or skipped (step runs).\n";
  text += "# TYPE duly_engine_steps_run_total counter\n";
  text += "duly_engine_steps_run_total " + std::to_string(steps_run()) + "\n";
  text += "# HELP duly_engine_errors_total Scheduler rounds that failed (logged with cause).\n";
  text += "# TYPE duly_engine_errors_total counter\n";
  text += "duly_engine_errors_total " + std::to_string(errors()) + "\n";
  text += "# HELP duly_engine_lateness_seconds Fire time minus due time of each timer.\n";
  text += "# TYPE duly_engine_lateness_seconds histogram\n";
  std::int64_t cumulative = 0;
  for (std::size_t i = 0; i < kLatenessBucketsMs.size(); ++i) {
    cumulative += buckets_[i].load(std::memory_order_relaxed);
    text += "duly_engine_lateness_seconds_bucket{le=\"" + Seconds(kLatenessBucketsMs[i]) + "\"} " +
            std::to_string(cumulative) + "\n";
  }
  cumulative += buckets_[kLatenessBucketsMs.size()].load(std::memory_order_relaxed);
  text += "duly_engine_lateness_seconds_bucket{le=\"+Inf\"} " + std::to_string(cumulative) + "\n";
  text += "duly_engine_lateness_seconds_sum " +
          Seconds(lateness_sum_ms_.load(std::memory_order_relaxed)) + "\n";
  text += "duly_engine_lateness_seconds_count " +
          std::to_string(lateness_count_.load(std::memory_order_relaxed)) + "\n";
  return text;
}

}  // namespace duly::daemon
