#include "channels/dispatch/dispatch_metrics.h"

#include <gtest/gtest.h>

namespace duly::channels {
namespace {

TEST(DispatchMetricsTest, RendersCountsAndTheLatencyHistogram) {
  DispatchMetrics metrics;
  DispatchReport report;
  report.leased = 5;
  report.sent = 3;
  report.fell_back = 1;
  report.unknown = 1;
  report.most_in_flight = 3;
  report.send_latency_us = {4'000, 50'000, 120'000};
  metrics.Observe(report);
  metrics.Observe(report);
  metrics.CountError();
  const std::string text = metrics.RenderText();
  EXPECT_EQ(metrics.outcome("sent"), 6);
  EXPECT_EQ(metrics.leased(), 10);
  EXPECT_NE(text.find("duly_outbox_messages_total{outcome=\"sent\"} 6\n"), std::string::npos);
  EXPECT_NE(text.find("duly_outbox_messages_total{outcome=\"fallback\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("duly_outbox_messages_total{outcome=\"failed\"} 0\n"), std::string::npos);
  EXPECT_NE(text.find("duly_outbox_errors_total 1\n"), std::string::npos);
  EXPECT_NE(text.find("duly_outbox_in_flight_max 3\n"), std::string::npos);
  EXPECT_NE(text.find("duly_outbox_send_seconds_bucket{le=\"0.005000\"} 2\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("duly_outbox_send_seconds_bucket{le=\"0.050000\"} 4\n"), std::string::npos);
  EXPECT_NE(text.find("duly_outbox_send_seconds_bucket{le=\"0.250000\"} 6\n"), std::string::npos);
  EXPECT_NE(text.find("duly_outbox_send_seconds_sum 0.348000\n"), std::string::npos);
  EXPECT_NE(text.find("duly_outbox_send_seconds_count 6\n"), std::string::npos);
}

}  // namespace
}  // namespace duly::channels
