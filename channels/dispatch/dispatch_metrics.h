// duly::channels::DispatchMetrics: what the outbox dispatcher did, as Prometheus text.
//
// Promise: Observe(report) adds one round's counts; CountError() counts a round that failed
// (leasing failed). RenderText() lists, in the text exposition format 0.0.4, to be appended to
// the daemon's /metrics:
//   duly_outbox_messages_total{outcome="sent|failed|fallback|unknown|canceled|retried|
//                                       reconciled|lease_lost|store_error"}  counter
//   duly_outbox_leased_total, duly_outbox_errors_total                       counters
//   duly_outbox_in_flight_max                                                gauge
//   duly_outbox_send_seconds (buckets, sum, count)    histogram of StartSend-to-answer latency
// Thread-safety: every method is safe from many threads at once (atomics).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

#include "channels/dispatch/dispatch_report.h"

namespace duly::channels {

class DispatchMetrics {
 public:
  // Upper bounds of the latency buckets, in milliseconds (+Inf is implicit).
  static constexpr std::array<std::int64_t, 12> kLatencyBucketsMs = {
      5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000};
  // The outcome label values, in the order of the counters.
  static constexpr std::array<const char*, 9> kOutcomes = {
      "sent",    "failed",     "fallback",   "unknown",    "canceled",
      "retried", "reconciled", "lease_lost", "store_error"};

  void Observe(const DispatchReport& report);
  void CountError() { errors_.fetch_add(1, std::memory_order_relaxed); }

  std::int64_t outcome(const char* name) const;  // by kOutcomes label; 0 for an unknown one
  std::int64_t leased() const { return leased_.load(std::memory_order_relaxed); }
  std::int64_t errors() const { return errors_.load(std::memory_order_relaxed); }

  std::string RenderText() const;

 private:
  std::array<std::atomic<std::int64_t>, kOutcomes.size()> outcomes_{};
  std::atomic<std::int64_t> leased_{0};
  std::atomic<std::int64_t> errors_{0};
  std::atomic<std::int64_t> most_in_flight_{0};
  // Per-bucket (not cumulative) counts; the last one is +Inf.
  std::array<std::atomic<std::int64_t>, kLatencyBucketsMs.size() + 1> buckets_{};
  std::atomic<std::int64_t> latency_sum_us_{0};
  std::atomic<std::int64_t> latency_count_{0};
};

}  // namespace duly::channels
