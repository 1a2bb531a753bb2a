// Many sends in flight at once: a provider that answers 50 ms later, from its own thread, must
// not make the dispatcher wait 50 ms per message.
#include <chrono>
#include <cstdio>

#include <gtest/gtest.h>

#include "channels/dispatch/dispatch_test_rows.h"
#include "channels/dispatch/dispatcher.h"
#include "channels/dispatch/testdata/delayed_channel.h"
#include "channels/testing/fake_channel.h"

namespace duly::channels {
namespace {

using std::chrono::milliseconds;

class DispatcherConcurrencyTest : public DispatchFixture {};

TEST_F(DispatcherConcurrencyTest, HundredsOfSendsAreInFlightAtOnceUpToTheLimit) {
  FakeChannel provider("sms");
  DelayedChannel sms(provider, milliseconds(50));
  DispatchOptions options = Options();
  options.batch_size = 2000;
  options.max_in_flight = 512;
  auto dispatcher = Make({{"sms", &sms}}, options);
  for (int i = 0; i < 2000; ++i) Queue("sms");
  const DispatchReport report = Dispatch(*dispatcher);
  EXPECT_EQ(report.sent, 2000);
  EXPECT_EQ(outbox_.CountInState("sent"), 2000);
  EXPECT_EQ(provider.sent().size(), 2000U);
  EXPECT_GT(sms.most_in_flight(), 256) << "sends overlap";
  EXPECT_LE(sms.most_in_flight(), 512) << "never more than max_in_flight";
  EXPECT_LE(report.most_in_flight, 512);
  EXPECT_EQ(report.send_latency_us.size(), 2000U);
  EXPECT_GE(report.Latency(0.5), milliseconds(50));
}

TEST_F(DispatcherConcurrencyTest, TwentyThousandSlowSendsTakeSecondsNotAnHour) {
  FakeChannel provider("sms");
  DelayedChannel sms(provider, milliseconds(50));
  DispatchOptions options = Options();
  options.batch_size = 5000;
  auto dispatcher = Make({{"sms", &sms}}, options);  // max_in_flight: the default 512
  constexpr int kMessages = 20'000;
  for (int i = 0; i < kMessages; ++i) Queue("sms");
  const auto started = std::chrono::steady_clock::now();
  std::int64_t sent = 0;
  DispatchReport last;
  while (sent < kMessages) {
    last = Dispatch(*dispatcher);
    if (last.leased == 0) break;
    sent += last.sent;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_EQ(sent, kMessages);
  EXPECT_EQ(provider.sent().size(), static_cast<std::size_t>(kMessages));
  // One at a time would take 20,000 x 50 ms = 1000 s; 512 in flight about 2 s.
  EXPECT_LT(seconds, 20.0);
  std::printf(
      "dispatched %d messages (provider answers after 50 ms) in %.2f s: %.0f/s, most in "
      "flight %lld, p50 %lld ms, p99 %lld ms\n",
      kMessages, seconds, kMessages / seconds, static_cast<long long>(sms.most_in_flight()),
      static_cast<long long>(last.Latency(0.5).count() / 1000),
      static_cast<long long>(last.Latency(0.99).count() / 1000));
}

}  // namespace
}  // namespace duly::channels
