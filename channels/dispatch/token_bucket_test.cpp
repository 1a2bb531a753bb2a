#include "channels/dispatch/token_bucket.h"

#include <chrono>

#include <gtest/gtest.h>

#include "channels/dispatch/retry_backoff.h"

namespace duly::channels {
namespace {

using std::chrono::milliseconds;

const Instant kStart = FromEpochMillis(1772442000000);

TEST(TokenBucketTest, ABurstGoesAtOnceThenOneTokenPerInterval) {
  TokenBucket bucket(10, 3);  // 10 a second: one every 100 ms
  EXPECT_FALSE(bucket.TryTake(kStart));
  EXPECT_FALSE(bucket.TryTake(kStart));
  EXPECT_FALSE(bucket.TryTake(kStart));
  EXPECT_EQ(bucket.TryTake(kStart), kStart + milliseconds(100));
  EXPECT_EQ(bucket.TryTake(kStart + milliseconds(40)), kStart + milliseconds(100));
  EXPECT_FALSE(bucket.TryTake(kStart + milliseconds(100)));
  EXPECT_EQ(bucket.TryTake(kStart + milliseconds(100)), kStart + milliseconds(200));
}

TEST(TokenBucketTest, IdleTimeRefillsUpToTheBurstOnly) {
  TokenBucket bucket(2, 2);
  EXPECT_FALSE(bucket.TryTake(kStart));
  EXPECT_FALSE(bucket.TryTake(kStart));
  const Instant later = kStart + std::chrono::hours(1);
  EXPECT_FALSE(bucket.TryTake(later));
  EXPECT_FALSE(bucket.TryTake(later));
  EXPECT_EQ(bucket.TryTake(later), later + milliseconds(500));
}

TEST(TokenBucketTest, OverAMinuteTheRateHolds) {
  TokenBucket bucket(5, 1);
  int taken = 0;
  for (Instant at = kStart; at < kStart + std::chrono::seconds(60); at += milliseconds(1)) {
    if (!bucket.TryTake(at)) ++taken;
  }
  EXPECT_GE(taken, 299);
  EXPECT_LE(taken, 301);
}

TEST(TokenBucketTest, ZeroRateIsUnlimitedAndTimeGoingBackRefillsNothing) {
  TokenBucket unlimited(0, 1);
  for (int i = 0; i < 1000; ++i) EXPECT_FALSE(unlimited.TryTake(kStart));
  TokenBucket bucket(1, 1);
  EXPECT_FALSE(bucket.TryTake(kStart));
  EXPECT_TRUE(bucket.TryTake(kStart - std::chrono::hours(1)).has_value());
}

TEST(RetryBackoffTest, FullJitterStaysUnderTheDoublingCeilingAndTheCap) {
  RetryBackoff backoff(milliseconds(1000), milliseconds(60'000), 42);
  EXPECT_EQ(backoff.Ceiling(0), milliseconds(1000));
  EXPECT_EQ(backoff.Ceiling(3), milliseconds(8000));
  EXPECT_EQ(backoff.Ceiling(6), milliseconds(60'000));
  EXPECT_EQ(backoff.Ceiling(1'000'000), milliseconds(60'000));
  double sum = 0;
  for (int i = 0; i < 2000; ++i) {
    const milliseconds delay = backoff.Delay(3);
    ASSERT_GE(delay.count(), 0);
    ASSERT_LE(delay.count(), 8000);
    sum += static_cast<double>(delay.count());
  }
  EXPECT_NEAR(sum / 2000, 4000, 300) << "uniform over the window";
}

TEST(RetryBackoffTest, TheSameSeedGivesTheSameDelays) {
  RetryBackoff a(milliseconds(1000), milliseconds(60'000), 9);
  RetryBackoff b(milliseconds(1000), milliseconds(60'000), 9);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(a.Delay(i), b.Delay(i));
}

}  // namespace
}  // namespace duly::channels
