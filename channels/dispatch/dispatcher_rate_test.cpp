// Rate limits: a channel's token bucket paces its sends on the test-driven timer (ManualClock, no
// sleeps) while other channels go on.
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "channels/dispatch/dispatch_test_rows.h"
#include "channels/dispatch/dispatcher.h"
#include "channels/testing/fake_channel.h"

namespace duly::channels {
namespace {

using std::chrono::milliseconds;
constexpr milliseconds kBound{10'000};

// A FakeChannel that notes the clock's time of every send and lets the test wait for a count.
class ClockedChannel final : public Channel {
 public:
  ClockedChannel(std::string name, const Clock& clock) : inner_(std::move(name)), clock_(clock) {}
  std::string_view name() const override { return inner_.name(); }
  SendOutcome Send(const OutboundMessage& message) override {
    SendOutcome outcome = inner_.Send(message);
    {
      std::lock_guard lock(mutex_);
      times_.push_back(clock_.Now());
    }
    changed_.notify_all();
    return outcome;
  }
  StatusOutcome Status(const std::string& id) override { return inner_.Status(id); }
  StatusOutcome Cancel(const std::string& id) override { return inner_.Cancel(id); }

  bool WaitForSends(std::size_t count) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, kBound, [&] { return times_.size() >= count; });
  }
  std::vector<Instant> times() const {
    std::lock_guard lock(mutex_);
    return times_;
  }

 private:
  FakeChannel inner_;
  const Clock& clock_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Instant> times_;
};

class DispatcherRateTest : public DispatchFixture {};

TEST_F(DispatcherRateTest, ATokenBucketPacesItsChannelAndNotTheOthers) {
  ClockedChannel sms("sms", clock_);
  ClockedChannel email("email", clock_);
  DispatchOptions options = Options();
  options.rates["sms"] = ChannelRate{10, 2};  // burst of 2, then one every 100 ms
  auto dispatcher = Make({{"sms", &sms}, {"email", &email}}, options);
  for (int i = 0; i < 6; ++i) Queue("sms");
  for (int i = 0; i < 3; ++i) Queue("email");
  const Instant start = clock_.Now();

  auto round = std::async(std::launch::async, [&] { return dispatcher->DispatchDue(); });
  ASSERT_TRUE(email.WaitForSends(3)) << "email is not held up by the sms limit";
  ASSERT_TRUE(sms.WaitForSends(2));
  ASSERT_TRUE(timer_.WaitForPending(1, kBound)) << "the third sms waits for a token";
  EXPECT_EQ(sms.times().size(), 2U);
  EXPECT_EQ(timer_.pending(), 1U) << "one timer task for the channel, not one per message";
  for (std::size_t sent = 3; sent <= 6; ++sent) {
    ASSERT_EQ(timer_.FireNext(), 1);
    ASSERT_TRUE(sms.WaitForSends(sent));
    if (sent < 6) {
      ASSERT_TRUE(timer_.WaitForPending(1, kBound));
    }
    EXPECT_EQ(sms.times().size(), sent) << "one token per 100 ms";
  }
  ASSERT_EQ(round.wait_for(kBound), std::future_status::ready);
  Result<DispatchReport> report = round.get();
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_EQ(report->sent, 9);
  EXPECT_EQ(timer_.pending(), 0U);

  const std::vector<Instant> times = sms.times();
  ASSERT_EQ(times.size(), 6U);
  EXPECT_EQ(times[0], start);
  EXPECT_EQ(times[1], start);
  for (std::size_t i = 2; i < times.size(); ++i) {
    EXPECT_EQ(times[i], start + milliseconds(100) * static_cast<int>(i - 1)) << i;
  }
  for (const Instant at : email.times()) EXPECT_EQ(at, start);
}

TEST_F(DispatcherRateTest, TheBucketOutlivesARoundSoTheNextRoundWaitsToo) {
  ClockedChannel sms("sms", clock_);
  DispatchOptions options = Options();
  options.rates["sms"] = ChannelRate{1, 1};
  auto dispatcher = Make({{"sms", &sms}}, options);
  Queue("sms");
  EXPECT_EQ(Dispatch(*dispatcher).sent, 1);
  Queue("sms");
  auto round = std::async(std::launch::async, [&] { return dispatcher->DispatchDue(); });
  ASSERT_TRUE(timer_.WaitForPending(1, kBound)) << "the token was spent by the first round";
  EXPECT_EQ(sms.times().size(), 1U);
  EXPECT_EQ(timer_.next(), clock_.Now() + std::chrono::seconds(1));
  ASSERT_EQ(timer_.FireNext(), 1);
  ASSERT_EQ(round.wait_for(kBound), std::future_status::ready);
  EXPECT_EQ(round.get()->sent, 1);
  EXPECT_EQ(sms.times().size(), 2U);
}

TEST_F(DispatcherRateTest, RowsTheLeaseCannotCoverAreGivenBackNotSent) {
  ClockedChannel sms("sms", clock_);
  DispatchOptions options = Options();
  options.rates["sms"] = ChannelRate{1, 1};  // one a second
  options.lease = std::chrono::seconds(10);
  options.send_timeout = std::chrono::seconds(2);
  auto dispatcher = Make({{"sms", &sms}}, options);
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 12; ++i) ids.push_back(Queue("sms"));
  const Instant start = clock_.Now();

  auto round = std::async(std::launch::async, [&] { return dispatcher->DispatchDue(); });
  // Each token's send is seen before the clock moves on, so it happens at the token's instant.
  ASSERT_TRUE(sms.WaitForSends(1));
  for (std::size_t sent = 2; sent <= 9; ++sent) {
    ASSERT_TRUE(timer_.WaitForPending(1, kBound));
    ASSERT_EQ(timer_.FireNext(), 1);
    ASSERT_TRUE(sms.WaitForSends(sent));
  }
  // From 9 s on, whatever the clock reads when a token comes, too little lease is left.
  while (round.wait_for(milliseconds(0)) != std::future_status::ready) {
    if (timer_.WaitForPending(1, milliseconds(50))) timer_.FireNext();
  }
  Result<DispatchReport> report = round.get();
  ASSERT_TRUE(report.has_value()) << report.error().message;
  // Sends at 0..8 s leave at least 2 s of the 10 s lease; the rest would not.
  EXPECT_EQ(report->sent, 9);
  EXPECT_EQ(report->retried, 3);
  EXPECT_EQ(sms.times().size(), 9U);
  EXPECT_EQ(sms.times().back(), start + std::chrono::seconds(8));
  EXPECT_EQ(outbox_.CountInState("pending"), 3);
  for (const std::int64_t id : ids) {
    const OutboxRecord row = outbox_.Get(id);
    if (row.state != "pending") continue;
    EXPECT_EQ(row.last_error, "sms was not sent: the lease ran out waiting for the rate limit");
    EXPECT_LE(row.message.due_at, clock_.Now()) << "due again at once";
  }
}

}  // namespace
}  // namespace duly::channels
