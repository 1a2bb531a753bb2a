// Test support shared by the dispatcher's tests: the fixture's stores, clock and a queued row.
// Header-only; included by *_test.cpp only.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "channels/dispatch/dispatcher.h"
#include "channels/dispatch/testdata/manual_send_timer.h"
#include "channels/dispatch/testdata/memory_outbox.h"
#include "channels/dispatch/testdata/memory_tasks.h"
#include "channels/dispatch/testdata/scripted_composer.h"
#include "workflows/clock.h"

namespace duly::channels {

class DispatchFixture : public ::testing::Test {
 protected:
  static constexpr std::int64_t kStartMs = 1772442000000;  // 2026-03-02T09:00:00Z

  DispatchOptions Options() const {
    DispatchOptions options;
    options.owner = "node-1";
    options.workers = 4;
    options.jitter_seed = 7;
    options.retry_base = std::chrono::seconds(1);
    options.retry_cap = std::chrono::seconds(60);
    options.max_attempts = 5;
    return options;
  }

  // A customer row on `channel`, due now, about INV-<id>.
  std::int64_t Queue(const std::string& channel, std::vector<std::string> fallbacks = {},
                     std::int64_t attempt = 0) {
    OutboxMessage row;
    row.recipient = "C1";
    row.customer = "C1";
    row.channel = channel;
    row.template_id = "reminder-friendly";
    row.language = "nl";
    row.items = {{"INV-" + std::to_string(++invoices_), "reminder-1", "reminder-friendly"}};
    row.due_at = clock_.Now();
    row.attempt = attempt;
    row.fallbacks = std::move(fallbacks);
    return outbox_.Add(std::move(row));
  }

  std::unique_ptr<Dispatcher> Make(ChannelsByName channels, DispatchOptions options) {
    return std::make_unique<Dispatcher>(outbox_, composer_, tasks_, std::move(channels), clock_,
                                        std::move(options), &timer_);
  }

  DispatchReport Dispatch(Dispatcher& dispatcher) {
    Result<DispatchReport> report = dispatcher.DispatchDue();
    EXPECT_TRUE(report.has_value()) << report.error().message;
    return report.has_value() ? std::move(*report) : DispatchReport{};
  }

  ManualClock clock_{FromEpochMillis(kStartMs)};
  MemoryOutbox outbox_{clock_};
  MemoryTasks tasks_{clock_};
  ScriptedComposer composer_;
  ManualSendTimer timer_{clock_};
  int invoices_ = 0;
};

}  // namespace duly::channels
