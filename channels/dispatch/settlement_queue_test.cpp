// SettlementQueue: when a batch is written (full, delay, Flush, destruction) and what each row's
// callback hears.
#include "channels/dispatch/settlement_queue.h"

#include <chrono>
#include <future>
#include <memory>

#include <gtest/gtest.h>

#include "channels/dispatch/testdata/memory_outbox.h"
#include "workflows/clock.h"

namespace duly::channels {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::seconds;

class SettlementQueueTest : public ::testing::Test {
 protected:
  // A row leased by node-1.
  std::int64_t Leased() {
    OutboxMessage row;
    row.recipient = "C1";
    row.customer = "C1";
    row.channel = "sms";
    row.items = {{"INV-1", "", "reminder-friendly"}};
    row.due_at = clock_.Now();
    const std::int64_t id = outbox_.Add(std::move(row));
    EXPECT_EQ(outbox_.LeaseDueMessages(clock_.Now(), 1, "node-1", milliseconds(60'000))->size(),
              1U);
    return id;
  }

  ManualClock clock_{FromEpochMillis(1772442000000)};
  MemoryOutbox outbox_{clock_};
};

// A callback that fulfils a promise with the row's Status.
SettlementQueue::Recorded Into(std::promise<Status>& promise) {
  return [&promise](const Status& status) { promise.set_value(status); };
}

TEST_F(SettlementQueueTest, AFullBatchIsWrittenAtOnce) {
  SettlementQueue queue(outbox_, "node-1", 3, hours(1));
  std::promise<Status> first, second, third;
  queue.Add(MessageSettlement::Sent(Leased(), "SM1"), Into(first));
  queue.Add(MessageSettlement::Sent(Leased(), "SM2"), Into(second));
  queue.Add(MessageSettlement::Canceled(Leased(), "paid"), Into(third));
  for (auto* promise : {&first, &second, &third}) {
    auto future = promise->get_future();
    ASSERT_EQ(future.wait_for(seconds(10)), std::future_status::ready) << "not written";
    EXPECT_TRUE(future.get());
  }
  EXPECT_EQ(outbox_.settle_batches(), std::vector<std::size_t>{3});
  EXPECT_EQ(outbox_.CountInState("sent"), 2);
  EXPECT_EQ(outbox_.CountInState("canceled"), 1);
}

TEST_F(SettlementQueueTest, ALoneSettlementIsWrittenAfterTheDelay) {
  SettlementQueue queue(outbox_, "node-1", 100, milliseconds(20));
  std::promise<Status> recorded;
  const auto start = std::chrono::steady_clock::now();
  queue.Add(MessageSettlement::Sent(Leased(), "SM1"), Into(recorded));
  auto future = recorded.get_future();
  ASSERT_EQ(future.wait_for(seconds(10)), std::future_status::ready) << "never written";
  EXPECT_TRUE(future.get());
  EXPECT_GE(std::chrono::steady_clock::now() - start, milliseconds(20)) << "waited for company";
}

TEST_F(SettlementQueueTest, FlushWritesWithoutWaiting) {
  SettlementQueue queue(outbox_, "node-1", 100, hours(1));
  std::promise<Status> recorded;
  queue.Add(MessageSettlement::Sent(Leased(), "SM1"), Into(recorded));
  queue.Flush();
  auto future = recorded.get_future();
  ASSERT_EQ(future.wait_for(seconds(10)), std::future_status::ready) << "Flush wrote nothing";
  EXPECT_TRUE(future.get());
}

TEST_F(SettlementQueueTest, EachRowHearsItsOwnStatus) {
  const std::int64_t leased = Leased();
  SettlementQueue queue(outbox_, "node-1", 100, hours(1));
  std::promise<Status> sent, stranger, missing;
  queue.Add(MessageSettlement::Sent(leased, "SM1"), Into(sent));
  queue.Add(MessageSettlement::Sent(leased, "SM1-again"), Into(stranger));
  queue.Add(MessageSettlement::Sent(leased + 100, "SM9"), Into(missing));
  queue.Flush();
  EXPECT_TRUE(sent.get_future().get());
  EXPECT_EQ(stranger.get_future().get().error().code, ErrorCode::kConflict);
  EXPECT_EQ(missing.get_future().get().error().code, ErrorCode::kNotFound);
}

TEST_F(SettlementQueueTest, TheDestructorWritesWhatIsQueued) {
  const std::int64_t id = Leased();
  Status heard = Unavailable("not written");
  {
    SettlementQueue queue(outbox_, "node-1", 100, hours(1));
    queue.Add(MessageSettlement::Sent(id, "SM1"),
              [&heard](const Status& status) { heard = status; });
  }
  EXPECT_TRUE(heard);
  EXPECT_EQ(outbox_.Get(id).state, "sent");
}

}  // namespace
}  // namespace duly::channels
