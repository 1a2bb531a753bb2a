// duly::daemon::Metrics: the daemon's Prometheus metrics, rendered in the text exposition format
// (version 0.0.4) for GET /metrics.
//
// Promise: ObserveRequest counts each answered request and records its latency in a histogram,
// labelled by method, route pattern ("/v1/invoices/{id}", never the raw path, so the label set
// stays bounded) and status. Gauges are callbacks registered by their owners (queue depths) and
// read at render time. RenderText lists each metric family once with HELP and TYPE lines, series
// in a stable (sorted) order, label values escaped.
// Thread-safety: every method is safe from many threads at once. Gauge callbacks run on the
// rendering thread without any Metrics lock held, so they may take their own locks.
// Ownership: callbacks are copied in; whatever they capture must outlive the Metrics object.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace duly::daemon {

class Metrics {
 public:
  // Upper bounds of the latency buckets, in seconds (+Inf is implicit).
  static const std::vector<double>& LatencyBuckets();

  void ObserveRequest(std::string_view method, std::string_view route, int status,
                      std::chrono::nanoseconds latency);

  // Registers a gauge read at render time. REQUIRES: `name` matches [a-zA-Z_:][a-zA-Z0-9_:]* and
  // is not registered yet; `read` is callable.
  void AddGauge(std::string name, std::string help, std::function<double()> read);

  std::string RenderText() const;

 private:
  using SeriesKey = std::tuple<std::string, std::string, int>;  // method, route, status
  struct Series {
    std::uint64_t count = 0;
    double sum_seconds = 0;
    std::vector<std::uint64_t> buckets;  // cumulative counts are computed at render time
  };
  struct Gauge {
    std::string name;
    std::string help;
    std::function<double()> read;
  };

  mutable std::mutex series_mutex_;  // guards series_
  std::map<SeriesKey, Series> series_;
  mutable std::mutex gauges_mutex_;  // guards gauges_
  std::vector<Gauge> gauges_;
};

}  // namespace duly::daemon
