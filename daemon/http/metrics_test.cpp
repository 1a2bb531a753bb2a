#include "daemon/http/metrics.h"

#include <atomic>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace duly::daemon {
namespace {

using std::chrono::milliseconds;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(MetricsTest, EmptyRenderHasFamilyHeaders) {
  Metrics metrics;
  const std::string text = metrics.RenderText();
  EXPECT_THAT(text, HasSubstr("# TYPE duly_http_requests_total counter\n"));
  EXPECT_THAT(text, HasSubstr("# TYPE duly_http_request_duration_seconds histogram\n"));
  EXPECT_THAT(text, Not(HasSubstr("duly_http_requests_total{")));
}

TEST(MetricsTest, CountsPerMethodRouteAndStatus) {
  Metrics metrics;
  metrics.ObserveRequest("GET", "/v1/invoices/{id}", 200, milliseconds(3));
  metrics.ObserveRequest("GET", "/v1/invoices/{id}", 200, milliseconds(30));
  metrics.ObserveRequest("GET", "/v1/invoices/{id}", 404, milliseconds(1));
  const std::string text = metrics.RenderText();
  EXPECT_THAT(text, HasSubstr("duly_http_requests_total{method=\"GET\",route=\"/v1/invoices/"
                              "{id}\",status=\"200\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("duly_http_requests_total{method=\"GET\",route=\"/v1/invoices/"
                              "{id}\",status=\"404\"} 1\n"));
}

TEST(MetricsTest, HistogramBucketsAreCumulative) {
  Metrics metrics;
  metrics.ObserveRequest("POST", "/v1/payments", 201, milliseconds(3));      // <= 0.005
  metrics.ObserveRequest("POST", "/v1/payments", 201, milliseconds(30));     // <= 0.05
  metrics.ObserveRequest("POST", "/v1/payments", 201, milliseconds(20000));  // +Inf only
  const std::string text = metrics.RenderText();
  const std::string labels = "method=\"POST\",route=\"/v1/payments\",status=\"201\"";
  EXPECT_THAT(text, HasSubstr("duly_http_request_duration_seconds_bucket{" + labels +
                              ",le=\"0.001\"} 0\n"));
  EXPECT_THAT(text, HasSubstr("duly_http_request_duration_seconds_bucket{" + labels +
                              ",le=\"0.005\"} 1\n"));
  EXPECT_THAT(
      text, HasSubstr("duly_http_request_duration_seconds_bucket{" + labels + ",le=\"0.05\"} 2\n"));
  EXPECT_THAT(text,
              HasSubstr("duly_http_request_duration_seconds_bucket{" + labels + ",le=\"10\"} 2\n"));
  EXPECT_THAT(
      text, HasSubstr("duly_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} 3\n"));
  EXPECT_THAT(text, HasSubstr("duly_http_request_duration_seconds_sum{" + labels + "} 20.033\n"));
  EXPECT_THAT(text, HasSubstr("duly_http_request_duration_seconds_count{" + labels + "} 3\n"));
}

TEST(MetricsTest, LabelValuesAreEscaped) {
  Metrics metrics;
  metrics.ObserveRequest("GET", "a\"b\\c\nd", 200, milliseconds(1));
  EXPECT_THAT(metrics.RenderText(), HasSubstr("route=\"a\\\"b\\\\c\\nd\""));
}

TEST(MetricsTest, GaugesAreReadAtRenderTime) {
  Metrics metrics;
  std::atomic<int> depth{4};
  metrics.AddGauge("duly_outbox_queue_depth", "Messages waiting in the outbox.",
                   [&depth] { return static_cast<double>(depth.load()); });
  EXPECT_THAT(metrics.RenderText(), HasSubstr("# HELP duly_outbox_queue_depth Messages waiting "
                                              "in the outbox.\n# TYPE duly_outbox_queue_depth "
                                              "gauge\nduly_outbox_queue_depth 4\n"));
  depth = 7;
  EXPECT_THAT(metrics.RenderText(), HasSubstr("duly_outbox_queue_depth 7\n"));
}

TEST(MetricsTest, GaugeCallbackRunsWithoutMetricsLocks) {
  Metrics metrics;
  // Would deadlock if RenderText held a Metrics lock while reading gauges.
  metrics.AddGauge("duly_nested_observations", "Observations made from inside a gauge.",
                   [&metrics] {
                     metrics.ObserveRequest("GET", "/nested", 200, milliseconds(1));
                     return 1.0;
                   });
  EXPECT_THAT(metrics.RenderText(), HasSubstr("duly_nested_observations 1\n"));
  EXPECT_THAT(metrics.RenderText(), HasSubstr("route=\"/nested\",status=\"200\"} 1\n"));
}

TEST(MetricsDeathTest, BadOrDuplicateGaugeNameAborts) {
  Metrics metrics;
  EXPECT_DEATH(metrics.AddGauge("9lives", "x", [] { return 1.0; }), "");
  metrics.AddGauge("duly_x", "x", [] { return 1.0; });
  EXPECT_DEATH(metrics.AddGauge("duly_x", "x", [] { return 1.0; }), "");
}

TEST(MetricsTest, ConcurrentObservationsAreAllCounted) {
  Metrics metrics;
  constexpr int kThreads = 4;
  constexpr int kPerThread = 2500;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&metrics] {
      for (int i = 0; i < kPerThread; ++i) {
        metrics.ObserveRequest("GET", "/healthz", 200, milliseconds(1));
        if (i % 500 == 0) static_cast<void>(metrics.RenderText());
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_THAT(metrics.RenderText(),
              HasSubstr("duly_http_requests_total{method=\"GET\",route=\"/healthz\",status="
                        "\"200\"} 10000\n"));
}

}  // namespace
}  // namespace duly::daemon
