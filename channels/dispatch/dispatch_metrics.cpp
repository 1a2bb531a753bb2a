#include "channels/dispatch/dispatch_metrics.h"

#include <algorithm>
#include <cstddef>
#include <cstring>

namespace duly::channels {
namespace {

// Microseconds as seconds with six decimals ("0.050000").
std::string Seconds(std::int64_t microseconds) {
  std::string fraction = std::to_string(microseconds % 1'000'000);
  fraction.insert(0, 6 - fraction.size(), '0');
  return std::to_string(microseconds / 1'000'000) + "." + fraction;
}

void Counter(std::string& text, const char* name, const char* help) {
  text += std::string("# HELP ") + name + " " + help + "\n";
  text += std::string("# TYPE ") + name + " counter\n";
}

}  // namespace

void DispatchMetrics::Observe(const DispatchReport& report) {
  const std::array<std::int64_t, kOutcomes.size()> counts = {
      report.sent,    report.failed,     report.fell_back,  report.unknown,     report.canceled,
      report.retried, report.reconciled, report.lease_lost, report.store_errors};
  for (std::size_t i = 0; i < counts.size(); ++i) {
    outcomes_[i].fetch_add(counts[i], std::memory_order_relaxed);
  }
  leased_.fetch_add(report.leased, std::memory_order_relaxed);
  std::int64_t most = most_in_flight_.load(std::memory_order_relaxed);
  while (report.most_in_flight > most &&
         !most_in_flight_.compare_exchange_weak(most, report.most_in_flight)) {
  }
  for (const std::int64_t latency_us : report.send_latency_us) {
    const auto bucket = static_cast<std::size_t>(std::lower_bound(kLatencyBucketsMs.begin(),
                                                                  kLatencyBucketsMs.end(),
                                                                  (latency_us + 999) / 1000) -
                                                 kLatencyBucketsMs.begin());
    buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
    latency_sum_us_.fetch_add(latency_us, std::memory_order_relaxed);
    latency_count_.fetch_add(1, std::memory_order_relaxed);
  }
}

std::int64_t DispatchMetrics::outcome(const char* name) const {
  for (std::size_t i = 0; i < kOutcomes.size(); ++i) {
    if (std::strcmp(kOutcomes[i], name) == 0) return outcomes_[i].load(std::memory_order_relaxed);
  }
  return 0;
}

std::string DispatchMetrics::RenderText() const {
  std::string text;
  Counter(text, "duly_outbox_messages_total", "Leased outbox messages by what became of them.");
  for (std::size_t i = 0; i < kOutcomes.size(); ++i) {
    text += std::string("duly_outbox_messages_total{outcome=\"") + kOutcomes[i] + "\"} " +
            std::to_string(outcomes_[i].load(std::memory_order_relaxed)) + "\n";
  }
  Counter(text, "duly_outbox_leased_total", "Outbox messages leased for sending.");
  text += "duly_outbox_leased_total " + std::to_string(leased()) + "\n";
  Counter(text, "duly_outbox_errors_total", "Dispatch rounds that failed (logged with cause).");
  text += "duly_outbox_errors_total " + std::to_string(errors()) + "\n";
  text += "# HELP duly_outbox_in_flight_max Most sends in flight at once.\n";
  text += "# TYPE duly_outbox_in_flight_max gauge\n";
  text += "duly_outbox_in_flight_max " +
          std::to_string(most_in_flight_.load(std::memory_order_relaxed)) + "\n";
  text += "# HELP duly_outbox_send_seconds Time from starting a send to the provider's answer.\n";
  text += "# TYPE duly_outbox_send_seconds histogram\n";
  std::int64_t cumulative = 0;
  for (std::size_t i = 0; i < kLatencyBucketsMs.size(); ++i) {
    cumulative += buckets_[i].load(std::memory_order_relaxed);
    text += "duly_outbox_send_seconds_bucket{le=\"" + Seconds(kLatencyBucketsMs[i] * 1000) +
            "\"} " + std::to_string(cumulative) + "\n";
  }
  cumulative += buckets_[kLatencyBucketsMs.size()].load(std::memory_order_relaxed);
  text += "duly_outbox_send_seconds_bucket{le=\"+Inf\"} " + std::to_string(cumulative) + "\n";
  text += "duly_outbox_send_seconds_sum " +
          Seconds(latency_sum_us_.load(std::memory_order_relaxed)) + "\n";
  text += "duly_outbox_send_seconds_count " +
          std::to_string(latency_count_.load(std::memory_order_relaxed)) + "\n";
  return text;
}

}  // namespace duly::channels
