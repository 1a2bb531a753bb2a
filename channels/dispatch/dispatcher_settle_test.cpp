// The dispatcher records outcomes in batches (SettleMessages): fewer transactions than rows,
// every row still recorded once, and a refused batch written again row by row.
#include <chrono>
#include <numeric>
#include <string>

#include <gtest/gtest.h>

#include "channels/dispatch/dispatch_test_rows.h"
#include "channels/testing/fake_channel.h"

namespace duly::channels {
namespace {

class DispatcherSettleTest : public DispatchFixture {
 protected:
  // Batches of at most `batch`; the delay is an hour, so only a full batch or the end of the
  // round writes one (a round that waited for the delay would not end in this test).
  std::unique_ptr<Dispatcher> Make(int batch) {
    DispatchOptions options = Options();
    options.settle_batch = batch;
    options.settle_delay = std::chrono::hours(1);
    return DispatchFixture::Make({{"sms", &sms_},
                                  {"email", &email_},
                                  {"whatsapp", &whatsapp_},
                                  {"voice", &voice_},
                                  {"letter", &letter_}},
                                 std::move(options));
  }
  // One channel per outcome below, so that which send fails never depends on the order in
  // which the round's sends start.
  FakeChannel sms_{"sms"};
  FakeChannel email_{"email"};
  FakeChannel whatsapp_{"whatsapp"};
  FakeChannel voice_{"voice"};
  FakeChannel letter_{"letter"};
};

TEST_F(DispatcherSettleTest, OutcomesAreRecordedInBatchesNotOneByOne) {
  for (int i = 0; i < 100; ++i) Queue("sms");
  auto dispatcher = Make(16);
  const DispatchReport report = Dispatch(*dispatcher);
  EXPECT_EQ(report.sent, 100);
  EXPECT_EQ(outbox_.CountInState("sent"), 100);
  const std::vector<std::size_t> batches = outbox_.settle_batches();
  EXPECT_EQ(std::accumulate(batches.begin(), batches.end(), std::size_t{0}), 100U);
  EXPECT_LT(batches.size(), 100U) << "rows share transactions";
  for (const std::size_t size : batches) {
    EXPECT_GE(size, 1U);
    EXPECT_LE(size, 16U);
  }
  EXPECT_EQ(outbox_.events().size(), 100U) << "one event per row";
}

TEST_F(DispatcherSettleTest, EveryKindOfOutcomeSharesABatch) {
  const std::int64_t sent = Queue("sms");
  const std::int64_t retried = Queue("whatsapp");
  const std::int64_t fell_back = Queue("voice", {"letter"});
  const std::int64_t failed = Queue("email");
  whatsapp_.FailNext(SendFailure{FailureKind::kTransient, "503", "", std::nullopt});
  voice_.FailNext(SendFailure{FailureKind::kPermanent, "21211", "21211", std::nullopt});
  email_.FailNext(SendFailure{FailureKind::kPermanent, "SMTP 550", "550", std::nullopt});
  auto dispatcher = Make(256);
  const DispatchReport report = Dispatch(*dispatcher);
  EXPECT_EQ(report.sent, 1);
  EXPECT_EQ(report.retried, 1);
  EXPECT_EQ(report.fell_back, 1);
  EXPECT_EQ(report.failed, 1);
  EXPECT_EQ(outbox_.Get(sent).state, "sent");
  EXPECT_EQ(outbox_.Get(retried).state, "pending");
  EXPECT_EQ(outbox_.Get(fell_back).message.channel, "letter");
  EXPECT_EQ(outbox_.Get(failed).state, "failed");
  ASSERT_EQ(tasks_.tasks().size(), 1U) << "the failure's task, after it was recorded";
  EXPECT_EQ(tasks_.tasks()[0].message, failed);
  EXPECT_EQ(outbox_.settle_batches(), std::vector<std::size_t>{4}) << "one transaction";
}

TEST_F(DispatcherSettleTest, ARefusedBatchIsWrittenAgainRowByRow) {
  for (int i = 0; i < 10; ++i) Queue("sms");
  outbox_.FailNextSettles(1, Unavailable("database is locked"));
  auto dispatcher = Make(256);
  const DispatchReport report = Dispatch(*dispatcher);
  EXPECT_EQ(report.sent, 10);
  EXPECT_EQ(report.store_errors, 0);
  EXPECT_EQ(outbox_.CountInState("sent"), 10);
  EXPECT_EQ(outbox_.settle_batches(), std::vector<std::size_t>(10, 1)) << "one row at a time";
}

TEST_F(DispatcherSettleTest, AFailureThatCannotBeRecordedOpensNoTaskAndStaysLeased) {
  const std::int64_t id = Queue("email");
  email_.FailNext(SendFailure{FailureKind::kPermanent, "SMTP 550", "550", std::nullopt});
  outbox_.FailNextSettles(2, Unavailable("database is locked"));  // the batch, then the row
  auto dispatcher = Make(256);
  const DispatchReport report = Dispatch(*dispatcher);
  EXPECT_EQ(report.store_errors, 1);
  EXPECT_EQ(report.failed, 0);
  EXPECT_TRUE(tasks_.tasks().empty());
  EXPECT_EQ(outbox_.Get(id).state, "leased") << "its lease expires and it is reconciled";
}

}  // namespace
}  // namespace duly::channels
