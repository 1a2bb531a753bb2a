// The dispatcher's rules, one by one, over an in-memory outbox and FakeChannel.
#include "channels/dispatch/dispatcher.h"

#include <algorithm>
#include <chrono>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "channels/dispatch/dispatch_test_rows.h"
#include "channels/dispatch/testdata/delayed_channel.h"
#include "channels/testing/fake_channel.h"

namespace duly::channels {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

SendFailure Transient(std::string reason, std::optional<seconds> retry_after = std::nullopt) {
  return SendFailure{FailureKind::kTransient, std::move(reason), "", retry_after};
}
SendFailure Permanent(std::string reason, std::string code) {
  return SendFailure{FailureKind::kPermanent, std::move(reason), std::move(code), std::nullopt};
}
SendFailure Unknown(std::string reason) {
  return SendFailure{FailureKind::kUnknownOutcome, std::move(reason), "", std::nullopt};
}

class DispatcherTest : public DispatchFixture {
 protected:
  std::unique_ptr<Dispatcher> Make(DispatchOptions options) {
    return DispatchFixture::Make({{"sms", &sms_}, {"email", &email_}}, std::move(options));
  }
  FakeChannel sms_{"sms"};
  FakeChannel email_{"email"};
};

TEST_F(DispatcherTest, SendsADueRowAndMarksItSentWithTheProviderId) {
  const std::int64_t id = Queue("sms");
  auto dispatcher = Make(Options());
  const DispatchReport report = Dispatch(*dispatcher);
  EXPECT_EQ(report.leased, 1);
  EXPECT_EQ(report.sent, 1);
  ASSERT_EQ(report.send_latency_us.size(), 1U);
  const OutboxRecord row = outbox_.Get(id);
  EXPECT_EQ(row.state, "sent");
  EXPECT_EQ(row.message.provider_id, "sms-1");
  ASSERT_EQ(sms_.attempts().size(), 1U);
  EXPECT_EQ(sms_.attempts()[0].id, id);
  EXPECT_EQ(sms_.attempts()[0].invoices, std::vector<std::string>{"INV-1"});
  EXPECT_TRUE(tasks_.tasks().empty());

  const DispatchReport again = Dispatch(*dispatcher);
  EXPECT_EQ(again.leased, 0) << "a sent row is never leased again";
  EXPECT_EQ(sms_.attempts().size(), 1U);
}

TEST_F(DispatcherTest, NextDueIsTheStoresEarliestDueRow) {
  auto dispatcher = Make(Options());
  auto none = dispatcher->NextDue();
  ASSERT_TRUE(none.has_value());
  EXPECT_FALSE(none->has_value());
  clock_.Advance(seconds(30));
  Queue("sms");
  auto next = dispatcher->NextDue();
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(*next, clock_.Now());
}

TEST_F(DispatcherTest, TransientFailureRetriesAfterAFullJitterBackoff) {
  DispatchOptions options = Options();
  options.max_attempts = 50;
  auto dispatcher = Make(options);
  // 40 rows at attempt 3: each waits uniformly in [0, min(60 s, 1 s * 2^3)] = [0, 8 s].
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 40; ++i) ids.push_back(Queue("sms", {}, 3));
  for (int i = 0; i < 40; ++i) sms_.FailCall(static_cast<std::size_t>(i + 1), Transient("503"));
  const Instant now = clock_.Now();
  const DispatchReport report = Dispatch(*dispatcher);
  EXPECT_EQ(report.retried, 40);
  std::set<std::int64_t> delays;
  for (const std::int64_t id : ids) {
    const OutboxRecord row = outbox_.Get(id);
    EXPECT_EQ(row.state, "pending");
    EXPECT_EQ(row.message.attempt, 4);
    EXPECT_EQ(row.last_error, "sms failed: 503");
    const auto delay = (row.message.due_at - now).count();
    EXPECT_GE(delay, 0);
    EXPECT_LE(delay, 8000);
    delays.insert(delay);
  }
  EXPECT_GT(delays.size(), 20U) << "jittered, not one fixed delay";
  EXPECT_GT(*delays.rbegin(), 4000) << "spread over the whole window";
  EXPECT_TRUE(tasks_.tasks().empty());
}

TEST_F(DispatcherTest, BackoffNeverExceedsTheCap) {
  const std::int64_t id = Queue("sms", {}, 3);
  DispatchOptions options = Options();
  options.max_attempts = 100;
  auto patient = Make(options);
  // Attempt 40 would be 2^40 s without the cap.
  const std::int64_t late = Queue("sms", {}, 40);
  sms_.FailNext(Transient("timeout before sending"));
  sms_.FailNext(Transient("timeout before sending"));
  const Instant now = clock_.Now();
  EXPECT_EQ(Dispatch(*patient).retried, 2);
  EXPECT_LE((outbox_.Get(late).message.due_at - now).count(), 60'000);
  EXPECT_LE((outbox_.Get(id).message.due_at - now).count(), 8'000);
}

TEST_F(DispatcherTest, RetryAfterFromTheProviderIsHonoured) {
  const std::int64_t id = Queue("sms");
  sms_.FailNext(Transient("Twilio 20429: Too Many Requests", seconds(120)));
  auto dispatcher = Make(Options());
  const Instant now = clock_.Now();
  const DispatchReport report = Dispatch(*dispatcher);
  EXPECT_EQ(report.retried, 1);
  const OutboxRecord row = outbox_.Get(id);
  EXPECT_EQ(row.state, "pending");
  EXPECT_EQ(row.message.due_at, now + seconds(120));

  clock_.Advance(seconds(119));
  EXPECT_EQ(Dispatch(*dispatcher).leased, 0) << "not before Retry-After";
  clock_.Advance(seconds(1));
  EXPECT_EQ(Dispatch(*dispatcher).sent, 1);
  EXPECT_EQ(outbox_.Get(id).state, "sent");
}

TEST_F(DispatcherTest, AfterMaxAttemptsATransientFailureFailsForGoodWithATask) {
  const std::int64_t id = Queue("sms", {"email"}, 4);  // max_attempts 5: this is the last
  sms_.FailNext(Transient("Twilio 503"));
  auto dispatcher = Make(Options());
  const DispatchReport report = Dispatch(*dispatcher);
  EXPECT_EQ(report.failed, 1);
  EXPECT_EQ(report.retried, 0);
  EXPECT_EQ(outbox_.Get(id).state, "failed");
  ASSERT_EQ(tasks_.tasks().size(), 1U);
  const CollectorTask task = tasks_.tasks().front();
  EXPECT_EQ(task.kind, TaskKind::kFailedMessage);
  EXPECT_EQ(task.message, id);
  EXPECT_EQ(task.customer, "C1");
  EXPECT_NE(task.detail.find("gave up after 5 attempts"), std::string::npos) << task.detail;
}

TEST_F(DispatcherTest, PermanentFailureFallsBackThenEndsInATask) {
  const std::int64_t id = Queue("sms", {"email"});
  sms_.FailNext(Permanent("Twilio 21211: The 'To' number is not a valid phone number", "21211"));
  email_.FailNext(Permanent("SMTP 550: mailbox unavailable", "550"));
  auto dispatcher = Make(Options());

  const DispatchReport first = Dispatch(*dispatcher);
  EXPECT_EQ(first.fell_back, 1);
  OutboxRecord row = outbox_.Get(id);
  EXPECT_EQ(row.state, "pending");
  EXPECT_EQ(row.message.channel, "email");
  EXPECT_TRUE(row.message.fallbacks.empty());
  EXPECT_EQ(row.last_error,
            "sms failed: Twilio 21211: The 'To' number is not a valid phone number");
  EXPECT_TRUE(tasks_.tasks().empty()) << "a fallback is left, no task yet";

  const DispatchReport second = Dispatch(*dispatcher);
  EXPECT_EQ(second.failed, 1);
  EXPECT_EQ(outbox_.Get(id).state, "failed");
  ASSERT_EQ(email_.attempts().size(), 1U);
  EXPECT_EQ(email_.attempts()[0].channel, "email") << "re-composed for the fallback channel";
  EXPECT_EQ(email_.attempts()[0].to, "C1@customers.example");
  const std::vector<std::string> composed = composer_.calls();
  EXPECT_EQ(composed,
            (std::vector<std::string>{std::to_string(id) + ":sms", std::to_string(id) + ":email"}));
  ASSERT_EQ(tasks_.tasks().size(), 1U);
  EXPECT_EQ(tasks_.tasks()[0].kind, TaskKind::kFailedMessage);
  EXPECT_EQ(tasks_.tasks()[0].detail, "email failed: SMTP 550: mailbox unavailable");
  EXPECT_EQ(tasks_.tasks()[0].items.front().invoice, "INV-1");
}

TEST_F(DispatcherTest, UnknownOutcomeIsNeverResentBlindly) {
  const std::int64_t id = Queue("sms");
  sms_.FailNext(Unknown("timeout after the request was sent"));
  DispatchOptions options = Options();
  options.reconcile_delay = std::chrono::minutes(5);
  auto dispatcher = Make(options);
  const Instant sent_at = clock_.Now();
  EXPECT_EQ(Dispatch(*dispatcher).unknown, 1);
  const OutboxRecord row = outbox_.Get(id);
  EXPECT_EQ(row.state, "reconcile");
  EXPECT_EQ(row.message.attempted_at, sent_at);
  EXPECT_EQ(row.message.due_at, sent_at + std::chrono::minutes(5));
  clock_.Advance(std::chrono::minutes(4));
  EXPECT_EQ(Dispatch(*dispatcher).leased, 0);
  EXPECT_EQ(sms_.attempts().size(), 1U);
}

TEST_F(DispatcherTest, UnknownOutcomeFoundAtTheProviderIsMarkedSentWithoutResending) {
  FakeChannel provider("sms");
  DelayedChannel sms(provider, milliseconds(0));
  auto dispatcher = DispatchFixture::Make({{"sms", &sms}}, Options());
  const std::int64_t id = Queue("sms");
  provider.FailNext(Unknown("connection dropped after the request was sent"));
  EXPECT_EQ(Dispatch(*dispatcher).unknown, 1);
  // The request had reached Twilio after all: it holds the message.
  auto composed = composer_.Compose(outbox_.Get(id).message);
  ASSERT_TRUE(composed.has_value());
  ASSERT_TRUE(std::holds_alternative<SendReceipt>(provider.Send(*composed)));

  clock_.Advance(std::chrono::minutes(5));
  const DispatchReport report = Dispatch(*dispatcher);
  EXPECT_EQ(report.reconciled, 1);
  EXPECT_EQ(report.sent, 1);
  EXPECT_TRUE(report.send_latency_us.empty()) << "no new send";
  EXPECT_EQ(sms.reconciles(), 1);
  EXPECT_EQ(provider.attempts().size(), 2U) << "the lost attempt and the provider's copy only";
  EXPECT_EQ(outbox_.Get(id).state, "sent");
  EXPECT_EQ(outbox_.Get(id).message.provider_id, "sms-1");
}

TEST_F(DispatcherTest, UnknownOutcomeNotFoundAtTheProviderIsSentAgain) {
  FakeChannel provider("sms");
  DelayedChannel sms(provider, milliseconds(0));
  auto dispatcher = DispatchFixture::Make({{"sms", &sms}}, Options());
  const std::int64_t id = Queue("sms");
  provider.FailNext(Unknown("timeout after the request was sent"));
  EXPECT_EQ(Dispatch(*dispatcher).unknown, 1);
  clock_.Advance(std::chrono::minutes(5));
  const DispatchReport report = Dispatch(*dispatcher);
  EXPECT_EQ(report.reconciled, 0);
  EXPECT_EQ(report.sent, 1);
  EXPECT_EQ(sms.reconciles(), 1);
  EXPECT_EQ(provider.attempts().size(), 2U);
  EXPECT_EQ(outbox_.Get(id).state, "sent");
}

TEST_F(DispatcherTest, UnknownOutcomeThatCannotBeCheckedGoesToAPerson) {
  const std::int64_t id = Queue("sms");  // FakeChannel cannot look up sent messages
  sms_.FailNext(Unknown("timeout after the request was sent"));
  auto dispatcher = Make(Options());
  EXPECT_EQ(Dispatch(*dispatcher).unknown, 1);
  clock_.Advance(std::chrono::minutes(5));
  const DispatchReport report = Dispatch(*dispatcher);
  EXPECT_EQ(report.failed, 1);
  EXPECT_EQ(sms_.attempts().size(), 1U) << "never resent";
  EXPECT_EQ(outbox_.Get(id).state, "failed");
  ASSERT_EQ(tasks_.tasks().size(), 1U);
  EXPECT_EQ(tasks_.tasks()[0].kind, TaskKind::kUnknownOutcome);
  EXPECT_NE(tasks_.tasks()[0].detail.find("cannot look up sent messages"), std::string::npos)
      << tasks_.tasks()[0].detail;
}

TEST_F(DispatcherTest, ComposerErrorsCancelFailFallBackOrRetry) {
  const std::int64_t gone = Queue("sms");
  const std::int64_t broken = Queue("sms");
  const std::int64_t opted_out = Queue("sms", {"email"});
  const std::int64_t unreachable = Queue("sms");
  const std::int64_t database = Queue("sms");
  composer_.FailRow(gone, "sms", NotFound("customer C1 was deleted"));
  composer_.FailRow(broken, "sms",
                    FieldInvalid("/templates/reminder-friendly/nl", "unknown variable iban"));
  composer_.FailRow(opted_out, "sms", PolicyError("+32470000000 opted out of sms"));
  composer_.FailRow(unreachable, "sms", PolicyError("customer C1 has no phone number"));
  composer_.FailRow(database, "sms", Unavailable("database is locked"));
  auto dispatcher = Make(Options());
  const DispatchReport report = Dispatch(*dispatcher);
  EXPECT_EQ(report.canceled, 1);
  EXPECT_EQ(report.failed, 2);
  EXPECT_EQ(report.fell_back, 1);
  EXPECT_EQ(report.retried, 1);
  EXPECT_TRUE(sms_.attempts().empty());
  EXPECT_EQ(outbox_.Get(gone).state, "canceled");
  EXPECT_EQ(outbox_.Get(broken).state, "failed");
  EXPECT_EQ(outbox_.Get(opted_out).message.channel, "email");
  EXPECT_EQ(outbox_.Get(unreachable).state, "failed");
  EXPECT_EQ(outbox_.Get(database).state, "pending");
  EXPECT_EQ(outbox_.Get(database).message.attempt, 1);
  std::vector<CollectorTask> tasks = tasks_.tasks();
  ASSERT_EQ(tasks.size(), 2U);
  std::sort(tasks.begin(), tasks.end(),
            [](const auto& a, const auto& b) { return a.message < b.message; });
  EXPECT_EQ(tasks[0].message, broken);
  EXPECT_EQ(tasks[0].kind, TaskKind::kFailedMessage);
  EXPECT_NE(tasks[0].detail.find("unknown variable iban"), std::string::npos);
  EXPECT_EQ(tasks[1].message, unreachable);
  EXPECT_EQ(tasks[1].detail, "sms failed: customer C1 has no phone number");
}

TEST_F(DispatcherTest, AChannelThatIsNotConfiguredFallsBack) {
  const std::int64_t id = Queue("voice", {"sms"});
  auto dispatcher = Make(Options());
  EXPECT_EQ(Dispatch(*dispatcher).fell_back, 1);
  EXPECT_EQ(outbox_.Get(id).message.channel, "sms");
  EXPECT_EQ(outbox_.Get(id).last_error, "voice failed: no voice channel is configured");
  EXPECT_EQ(Dispatch(*dispatcher).sent, 1);
}

TEST_F(DispatcherTest, ALostLeaseIsCountedAndOpensNoTask) {
  const std::int64_t sent = Queue("sms");
  const std::int64_t failed = Queue("email");
  email_.FailNext(Permanent("SMTP 550: no such user", "550"));
  outbox_.FailNextWrites(2, Conflict("the lease of the message was taken by node-2"));
  auto dispatcher = Make(Options());
  const DispatchReport report = Dispatch(*dispatcher);
  EXPECT_EQ(report.lease_lost, 2);
  EXPECT_EQ(report.sent, 0);
  EXPECT_EQ(report.failed, 0);
  EXPECT_TRUE(tasks_.tasks().empty()) << "the node holding the row decides";
  EXPECT_EQ(outbox_.Get(sent).state, "leased");
  EXPECT_EQ(outbox_.Get(failed).state, "leased");
}

TEST_F(DispatcherTest, StoreErrorsAreCountedAndTheRoundGoesOn) {
  Queue("sms");
  Queue("sms");
  outbox_.FailNextWrites(1, Unavailable("database is locked"));
  auto dispatcher = Make(Options());
  const DispatchReport report = Dispatch(*dispatcher);
  EXPECT_EQ(report.store_errors, 1);
  EXPECT_EQ(report.sent, 1);
  EXPECT_EQ(outbox_.CountInState("sent"), 1);
}

TEST_F(DispatcherTest, ALeaseThatFailsFailsTheRound) {
  Queue("sms");
  outbox_.FailNextLeases(1, Unavailable("database is locked"));
  auto dispatcher = Make(Options());
  Result<DispatchReport> report = dispatcher->DispatchDue();
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(report.error().message, "leasing due messages: database is locked");
  EXPECT_EQ(Dispatch(*dispatcher).sent, 1);
}

}  // namespace
}  // namespace duly::channels
