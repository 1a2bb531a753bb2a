#include "daemon/http/metrics.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>
#include <utility>

#include "workflows/status.h"

namespace duly::daemon {
namespace {

std::string FormatNumber(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string EscapeLabel(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

bool IsMetricName(std::string_view name) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    const bool digit = c >= '0' && c <= '9';
    if (!letter && !(digit && i > 0)) return false;
  }
  return true;
}

}  // namespace

const std::vector<double>& Metrics::LatencyBuckets() {
  static const std::vector<double> kBuckets = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1,
                                               0.25,  0.5,   1.0,  2.5,   5.0,  10.0};
  return kBuckets;
}

void Metrics::ObserveRequest(std::string_view method, std::string_view route, int status,
                             std::chrono::nanoseconds latency) {
  const double seconds = std::chrono::duration<double>(latency).count();
  const std::vector<double>& bounds = LatencyBuckets();
  const auto bucket = static_cast<std::size_t>(
      std::lower_bound(bounds.begin(), bounds.end(), seconds) - bounds.begin());
  std::lock_guard<std::mutex> lock(series_mutex_);
  Series& series = series_[SeriesKey{std::string(method), std::string(route), status}];
  if (series.buckets.empty()) series.buckets.assign(bounds.size() + 1, 0);
  ++series.count;
  series.sum_seconds += seconds;
  ++series.buckets[bucket];
}

void Metrics::AddGauge(std::string name, std::string help, std::function<double()> read) {
  DULY_CHECK(IsMetricName(name));
  DULY_CHECK(read != nullptr);
  std::lock_guard<std::mutex> lock(gauges_mutex_);
  for (const Gauge& gauge : gauges_) DULY_CHECK(gauge.name != name);
  gauges_.push_back(Gauge{std::move(name), std::move(help), std::move(read)});
}

std::string Metrics::RenderText() const {
  std::map<SeriesKey, Series> series;
  {
    std::lock_guard<std::mutex> lock(series_mutex_);
    series = series_;
  }
  std::vector<Gauge> gauges;
  {
    std::lock_guard<std::mutex> lock(gauges_mutex_);
    gauges = gauges_;
  }
  std::sort(gauges.begin(), gauges.end(),
            [](const Gauge& a, const Gauge& b) { return a.name < b.name; });

  std::string text;
  text +=
      "# HELP duly_http_requests_total HTTP requests answered, by method, route and status.\n"
      "# TYPE duly_http_requests_total counter\n";
  for (const auto& [key, value] : series) {
    const auto& [method, route, status] = key;
    text += "duly_http_requests_total{method=\"" + EscapeLabel(method) + "\",route=\"" +
            EscapeLabel(route) + "\",status=\"" + std::to_string(status) + "\"} " +
            std::to_string(value.count) + "\n";
  }
  text +=
      "# HELP duly_http_request_duration_seconds Time from a complete request to its response "
      "being ready.\n"
      "# TYPE duly_http_request_duration_seconds histogram\n";
  const std::vector<double>& bounds = LatencyBuckets();
  for (const auto& [key, value] : series) {
    const auto& [method, route, status] = key;
    const std::string labels = "method=\"" + EscapeLabel(method) + "\",route=\"" +
                               EscapeLabel(route) + "\",status=\"" + std::to_string(status) + "\"";
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i <= bounds.size(); ++i) {
      cumulative += value.buckets[i];
      const std::string le = i < bounds.size() ? FormatNumber(bounds[i]) : "+Inf";
      text += "duly_http_request_duration_seconds_bucket{" + labels + ",le=\"" + le + "\"} " +
              std::to_string(cumulative) + "\n";
    }
    text += "duly_http_request_duration_seconds_sum{" + labels + "} " +
            FormatNumber(value.sum_seconds) + "\n";
    text += "duly_http_request_duration_seconds_count{" + labels + "} " +
            std::to_string(value.count) + "\n";
  }
  for (const Gauge& gauge : gauges) {
    std::string help;
    for (const char c : gauge.help) {
      if (c == '\\') {
        help += "\\\\";
      } else if (c == '\n') {
        help += "\\n";
      } else {
        help.push_back(c);
      }
    }
    text += "# HELP " + gauge.name + " " + help + "\n";
    text += "# TYPE " + gauge.name + " gauge\n";
    text += gauge.name + " " + FormatNumber(gauge.read()) + "\n";
  }
  return text;
}

}  // namespace duly::daemon
