// The store conformance suite, channels part one: the outbox as the dispatcher sees it (leasing
// with the collectibility check, fallbacks, unknown outcomes, delivery status).
#include "daemon/store/store_conformance_channels.h"

#include <algorithm>
#include <set>
#include <thread>

namespace duly::daemon {
namespace {

const Instant kDue = At("2026-02-03T08:00");
constexpr std::chrono::minutes kLease{1};

}  // namespace

TEST_P(StoreConformance, PaidInvoicesMessageIsCanceledAtLease) {
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1")}, kActor));
  ASSERT_TRUE(store_->UpsertInvoices({MakeInvoice("I1", "C1", 100)}, kActor));
  ASSERT_TRUE(store_->FireDueTimers(clock_.Now(), 10, {}, false, Queuing("email", {})));
  ASSERT_TRUE(store_->PostPayments({MakePayment("P1", "C1", 100)}, kActor));
  auto leased = store_->LeaseDueMessages(kDue, 10, "node-1", kLease);
  ASSERT_TRUE(leased) << leased.error().message;
  EXPECT_TRUE(leased->empty());
  EXPECT_EQ(SqlText("SELECT state FROM outbox_messages"), "canceled");
  EXPECT_EQ(EventTypes(*store_, "C1").back(), "message.canceled");
  EXPECT_NE(LastPayload(*store_, "C1", "message.canceled").find("\"reason\":\"paid\""),
            std::string::npos);
  auto listed = store_->ListCustomerMessages("C1", 10);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1U);
  EXPECT_EQ((*listed)[0].state, "canceled");
  EXPECT_EQ((*listed)[0].last_error, "paid");
  EXPECT_EQ(*store_->NextMessageDue(), std::nullopt);  // nothing left to send
}

TEST_P(StoreConformance, HeldInvoicesMessagesAreCanceledAtLease) {
  ASSERT_TRUE(store_->UpsertCustomers(
      {MakeCustomer("C1"), MakeCustomer("C2"), MakeCustomer("C3"), MakeCustomer("C4")}, kActor));
  ASSERT_TRUE(store_->UpsertInvoices({MakeInvoice("I1", "C1", 100), MakeInvoice("I2", "C2", 100),
                                      MakeInvoice("I3", "C3", 100), MakeInvoice("I4", "C4", 100)},
                                     kActor));
  ASSERT_TRUE(store_->FireDueTimers(clock_.Now(), 10, {}, false, Queuing("sms", {})));
  RawSql(
      "INSERT INTO cases (customer, invoice, category, department, assignee, state, deadline_at,"
      " created_at) VALUES ('C1', 'I1', 'wrong_price', 'sales', '', 'open', 0, 0)");
  RawSql(
      "INSERT INTO promises (customer, invoice, amount, promised_on, state, created_at) VALUES"
      " ('C2', 'I2', 100, '2026-02-20', 'open', 0)");
  RawSql(
      "INSERT INTO payment_plans (id, customer, total, currency, state, invoices, created_at)"
      " VALUES (1, 'C3', 100, 'EUR', 'active', '[\"I3\"]', 0)");
  RawSql("INSERT INTO plan_invoices (plan, invoice) VALUES (1, 'I3')");
  auto leased = store_->LeaseDueMessages(kDue, 10, "node-1", kLease);
  ASSERT_TRUE(leased) << leased.error().message;
  ASSERT_EQ(leased->size(), 1U);  // only C4's invoice is still collectible
  EXPECT_EQ((*leased)[0].customer, "C4");
  EXPECT_EQ(SqlNumber("SELECT COUNT(*) FROM outbox_messages WHERE state = 'canceled'"), 3);
  EXPECT_NE(LastPayload(*store_, "C1", "message.canceled").find("\"reason\":\"disputed\""),
            std::string::npos);
  EXPECT_NE(LastPayload(*store_, "C2", "message.canceled").find("\"reason\":\"promised\""),
            std::string::npos);
  EXPECT_NE(LastPayload(*store_, "C3", "message.canceled").find("\"reason\":\"in_plan\""),
            std::string::npos);
  EXPECT_TRUE(store_->VerifyHistory()->intact);
}

TEST_P(StoreConformance, LeaseDropsOnlyTheSettledItemOfABundle) {
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1")}, kActor));
  ASSERT_TRUE(store_->UpsertInvoices(
      {MakeInvoice("I1", "C1", 100, 1), MakeInvoice("I2", "C1", 300, 5)}, kActor));
  ASSERT_TRUE(store_->FireDueTimers(clock_.Now(), 10, {}, false, Queuing("email", {"sms"})));
  ASSERT_EQ(SqlNumber("SELECT COUNT(*) FROM outbox_messages"), 1);
  ASSERT_TRUE(store_->PostPayments({MakePayment("P1", "C1", 100)}, kActor));  // pays I1 (oldest)
  auto leased = store_->LeaseDueMessages(kDue, 10, "node-1", kLease);
  ASSERT_TRUE(leased) << leased.error().message;
  ASSERT_EQ(leased->size(), 1U);
  const OutboxMessage& message = (*leased)[0];
  EXPECT_EQ(message.items, (std::vector<OutboxItem>{{"I2", "r1", "reminder-I2"}}));
  EXPECT_EQ(message.template_id, "reminder-I2");  // the first item left
  EXPECT_EQ(message.fallbacks, (std::vector<std::string>{"sms"}));
  EXPECT_FALSE(message.needs_reconcile);
  EXPECT_EQ(SqlText("SELECT items FROM outbox_messages"),
            "[{\"invoice\":\"I2\",\"step\":\"r1\",\"template\":\"reminder-I2\"}]");
  EXPECT_NE(LastPayload(*store_, "C1", "message.items_dropped").find("\"I1\":\"paid\""),
            std::string::npos);
}

TEST_P(StoreConformance, ColleagueMessagesAreNotRechecked) {
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1")}, kActor));
  ASSERT_TRUE(store_->UpsertInvoices({MakeInvoice("I1", "C1", 100)}, kActor));
  ASSERT_TRUE(store_->FireDueTimers(
      clock_.Now(), 10, {}, false, [](const TimerInput& input, const TimerBatch&) {
        TimerOutcome outcome = Bare(input);
        outcome.notifications = {{"anna", "email", "customer-at-final-notice", "step:n",
                                  outcome.customer, outcome.invoice, "", "n", kDue}};
        return outcome;
      }));
  ASSERT_TRUE(store_->PostPayments({MakePayment("P1", "C1", 100)}, kActor));
  auto leased = store_->LeaseDueMessages(kDue, 10, "node-1", kLease);
  ASSERT_TRUE(leased);
  ASSERT_EQ(leased->size(), 1U);
  EXPECT_EQ((*leased)[0].recipient_kind, RecipientKind::kColleague);
}

TEST_P(StoreConformance, FallbackMovesTheMessageToTheNextChannel) {
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1")}, kActor));
  ASSERT_TRUE(store_->UpsertInvoices({MakeInvoice("I1", "C1", 100)}, kActor));
  ASSERT_TRUE(
      store_->FireDueTimers(clock_.Now(), 10, {}, false, Queuing("sms", {"whatsapp", "letter"})));
  auto leased = store_->LeaseDueMessages(kDue, 10, "node-1", kLease);
  ASSERT_TRUE(leased);
  ASSERT_EQ(leased->size(), 1U);
  const std::int64_t id = (*leased)[0].id;
  EXPECT_EQ((*leased)[0].fallbacks, (std::vector<std::string>{"whatsapp", "letter"}));
  EXPECT_EQ(store_->MarkMessageFallback(id, "node-2", "whatsapp", "21211").error().code,
            ErrorCode::kConflict);
  Status wrong = store_->MarkMessageFallback(id, "node-1", "letter", "21211");
  ASSERT_FALSE(wrong);
  EXPECT_TRUE(HasField(wrong.error(), "/channel"));
  clock_.Set(kDue + std::chrono::seconds(5));
  ASSERT_TRUE(store_->MarkMessageFallback(id, "node-1", "whatsapp", "Twilio 21211 invalid number"));
  EXPECT_EQ(*store_->NextMessageDue(), kDue + std::chrono::seconds(5));  // due now
  auto again = store_->LeaseDueMessages(kDue + std::chrono::seconds(5), 10, "node-1", kLease);
  ASSERT_TRUE(again);
  ASSERT_EQ(again->size(), 1U);
  EXPECT_EQ((*again)[0].channel, "whatsapp");
  EXPECT_EQ((*again)[0].fallbacks, (std::vector<std::string>{"letter"}));
  EXPECT_EQ((*again)[0].attempt, 1);
  const std::string payload = LastPayload(*store_, "C1", "message.fallback");
  EXPECT_NE(payload.find("\"from\":\"sms\""), std::string::npos) << payload;
  EXPECT_NE(payload.find("\"to\":\"whatsapp\""), std::string::npos) << payload;
  EXPECT_NE(payload.find("21211"), std::string::npos) << payload;
  ASSERT_TRUE(store_->MarkMessageFailed(id, "node-1", true, kDue, "no letter address"));
  auto listed = store_->ListCustomerMessages("C1", 10);
  ASSERT_TRUE(listed);
  EXPECT_EQ((*listed)[0].state, "failed");
  EXPECT_EQ((*listed)[0].last_error, "no letter address");
  EXPECT_EQ((*listed)[0].message.attempt, 2);
}

TEST_P(StoreConformance, UnknownOutcomeComesBackForReconciling) {
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1")}, kActor));
  ASSERT_TRUE(store_->UpsertInvoices({MakeInvoice("I1", "C1", 100)}, kActor));
  ASSERT_TRUE(store_->FireDueTimers(clock_.Now(), 10, {}, false, Queuing("sms", {})));
  auto leased = store_->LeaseDueMessages(kDue, 10, "node-1", kLease);
  ASSERT_TRUE(leased);
  ASSERT_EQ(leased->size(), 1U);
  const std::int64_t id = (*leased)[0].id;
  const Instant attempted = kDue + std::chrono::seconds(1);
  const Instant reconcile = kDue + std::chrono::minutes(10);
  EXPECT_EQ(store_->MarkMessageUnknown(id, "node-2", attempted, reconcile, "timeout").error().code,
            ErrorCode::kConflict);
  ASSERT_TRUE(store_->MarkMessageUnknown(id, "node-1", attempted, reconcile, "timeout"));
  EXPECT_EQ(SqlText("SELECT state FROM outbox_messages"), "reconcile");
  EXPECT_EQ(*store_->NextMessageDue(), reconcile);
  EXPECT_TRUE(
      store_->LeaseDueMessages(reconcile - std::chrono::milliseconds(1), 10, "node-1", kLease)
          ->empty());
  auto again = store_->LeaseDueMessages(reconcile, 10, "node-2", kLease);
  ASSERT_TRUE(again);
  ASSERT_EQ(again->size(), 1U);
  EXPECT_TRUE((*again)[0].needs_reconcile);
  EXPECT_EQ((*again)[0].attempted_at, attempted);
  // A second unknown attempt keeps the first one's time: reconcile from there on.
  ASSERT_TRUE(
      store_->MarkMessageUnknown(id, "node-2", reconcile, reconcile + kLease, "timeout again"));
  auto third = store_->LeaseDueMessages(reconcile + kLease, 10, "node-3", kLease);
  ASSERT_TRUE(third);
  ASSERT_EQ(third->size(), 1U);
  EXPECT_EQ((*third)[0].attempted_at, attempted);
  ASSERT_TRUE(store_->MarkMessageSent(id, "node-3", "SM123"));  // found by reconciling
  auto listed = store_->ListCustomerMessages("C1", 10);
  ASSERT_TRUE(listed);
  EXPECT_EQ((*listed)[0].state, "sent");
  EXPECT_FALSE((*listed)[0].message.needs_reconcile);
  EXPECT_EQ((*listed)[0].message.provider_id, "SM123");
  const std::vector<std::string> types = EventTypes(*store_, "C1");
  EXPECT_EQ(std::count(types.begin(), types.end(), "message.outcome_unknown"), 2);
}

TEST_P(StoreConformance, ExpiredLeaseIsReconciledBeforeSendingAgain) {
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1")}, kActor));
  ASSERT_TRUE(store_->UpsertInvoices({MakeInvoice("I1", "C1", 100)}, kActor));
  ASSERT_TRUE(store_->FireDueTimers(clock_.Now(), 10, {}, false, Queuing("sms", {})));
  ASSERT_EQ(store_->LeaseDueMessages(kDue, 10, "crashed", kLease)->size(), 1U);
  EXPECT_EQ(*store_->NextMessageDue(), kDue + kLease);
  auto taken = store_->LeaseDueMessages(kDue + kLease, 10, "node-2", kLease);
  ASSERT_TRUE(taken);
  ASSERT_EQ(taken->size(), 1U);
  EXPECT_TRUE((*taken)[0].needs_reconcile);
  EXPECT_EQ((*taken)[0].attempted_at, kDue);  // when the crashed node took it
  EXPECT_EQ(store_->MarkMessageSent((*taken)[0].id, "crashed", "SM1").error().code,
            ErrorCode::kConflict);
}

TEST_P(StoreConformance, CanceledByTheDispatcher) {
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1")}, kActor));
  ASSERT_TRUE(store_->UpsertInvoices({MakeInvoice("I1", "C1", 100)}, kActor));
  ASSERT_TRUE(store_->FireDueTimers(clock_.Now(), 10, {}, false, Queuing("email", {})));
  auto leased = store_->LeaseDueMessages(kDue, 10, "node-1", kLease);
  ASSERT_TRUE(leased);
  ASSERT_EQ(leased->size(), 1U);
  const std::int64_t id = (*leased)[0].id;
  EXPECT_EQ(store_->MarkMessageCanceled(id + 99, "node-1", "paid").error().code,
            ErrorCode::kNotFound);
  ASSERT_TRUE(store_->MarkMessageCanceled(id, "node-1", "paid"));
  EXPECT_EQ(store_->MarkMessageCanceled(id, "node-1", "paid").error().code, ErrorCode::kConflict);
  EXPECT_TRUE(
      store_->LeaseDueMessages(kDue + std::chrono::hours(1), 10, "node-1", kLease)->empty());
  EXPECT_EQ(EventTypes(*store_, "C1").back(), "message.canceled");
}

TEST_P(StoreConformance, DeliveryStatusNeverMovesBackwards) {
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1")}, kActor));
  ASSERT_TRUE(store_->UpsertInvoices({MakeInvoice("I1", "C1", 100)}, kActor));
  ASSERT_TRUE(store_->FireDueTimers(clock_.Now(), 10, {}, false, Queuing("sms", {})));
  auto leased = store_->LeaseDueMessages(kDue, 10, "node-1", kLease);
  ASSERT_TRUE(leased);
  ASSERT_TRUE(store_->MarkMessageSent((*leased)[0].id, "node-1", "SM42"));
  EXPECT_EQ(store_->RecordDeliveryStatus("SM-unknown", MessageDelivery::kSent, "").error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(store_->RecordDeliveryStatus("", MessageDelivery::kSent, "").error().code,
            ErrorCode::kNotFound);
  auto delivery = [&] { return (*store_->ListCustomerMessages("C1", 1))[0].delivery; };
  EXPECT_EQ(delivery(), std::nullopt);
  const std::int64_t before = EventCount(*store_);
  ASSERT_TRUE(store_->RecordDeliveryStatus("SM42", MessageDelivery::kDelivered, ""));
  EXPECT_EQ(delivery(), MessageDelivery::kDelivered);
  ASSERT_TRUE(store_->RecordDeliveryStatus("SM42", MessageDelivery::kSent, ""));  // late callback
  ASSERT_TRUE(store_->RecordDeliveryStatus("SM42", MessageDelivery::kDelivered, ""));  // repeat
  EXPECT_EQ(delivery(), MessageDelivery::kDelivered);
  EXPECT_EQ(EventCount(*store_), before + 1);
  ASSERT_TRUE(store_->RecordDeliveryStatus("SM42", MessageDelivery::kRead, ""));
  EXPECT_EQ(delivery(), MessageDelivery::kRead);
  ASSERT_TRUE(store_->RecordDeliveryStatus("SM42", MessageDelivery::kFailed, "30003"));
  EXPECT_EQ(delivery(), MessageDelivery::kFailed);
  EXPECT_NE(LastPayload(*store_, "C1", "message.delivery").find("\"error_code\":\"30003\""),
            std::string::npos);
  ASSERT_TRUE(store_->RecordDeliveryStatus("SM42", MessageDelivery::kDelivered, ""));  // final
  EXPECT_EQ(delivery(), MessageDelivery::kFailed);
  EXPECT_EQ(EventCount(*store_), before + 3);
}

TEST_P(StoreConformance, NewItemsJoinABundleKeepingItsFallbacks) {
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1")}, kActor));
  ASSERT_TRUE(store_->UpsertInvoices({MakeInvoice("I1", "C1", 100)}, kActor));
  ASSERT_TRUE(store_->FireDueTimers(clock_.Now(), 10, {}, false, Queuing("email", {"sms"})));
  ASSERT_TRUE(store_->UpsertInvoices({MakeInvoice("I2", "C1", 100)}, kActor));
  ASSERT_TRUE(
      store_->FireDueTimers(clock_.Now(), 10, {}, false, Queuing("email", {"letter", "sms"})));
  EXPECT_EQ(SqlNumber("SELECT COUNT(*) FROM outbox_messages"), 1);
  EXPECT_EQ(SqlText("SELECT fallbacks FROM outbox_messages"), "[\"sms\"]");
  auto leased = store_->LeaseDueMessages(kDue, 10, "node-1", kLease);
  ASSERT_TRUE(leased);
  ASSERT_EQ(leased->size(), 1U);
  EXPECT_EQ((*leased)[0].items.size(), 2U);
}

TEST_P(StoreConformance, ConcurrentDispatchersNeverShareARow) {
  std::vector<Customer> customers;
  std::vector<Invoice> invoices;
  for (int i = 0; i < 30; ++i) {
    customers.push_back(MakeCustomer("C" + std::to_string(i)));
    invoices.push_back(MakeInvoice("I" + std::to_string(i), "C" + std::to_string(i), 100));
  }
  ASSERT_TRUE(store_->UpsertCustomers(customers, kActor));
  ASSERT_TRUE(store_->UpsertInvoices(invoices, kActor));
  ASSERT_TRUE(store_->FireDueTimers(clock_.Now(), 100, {}, false, Queuing("sms", {})));
  std::unique_ptr<SociStore> other = OpenAgain();
  std::vector<std::int64_t> taken[2];
  bool failed[2] = {false, false};
  auto drain = [&](SociStore& store, int who) {
    for (;;) {
      auto leased = store.LeaseDueMessages(kDue, 3, "node-" + std::to_string(who), kLease);
      if (!leased) {
        failed[who] = true;
        return;
      }
      if (leased->empty()) return;
      for (const OutboxMessage& message : *leased) taken[who].push_back(message.id);
    }
  };
  std::thread first(drain, std::ref(*store_), 0);
  std::thread second(drain, std::ref(*other), 1);
  first.join();
  second.join();
  EXPECT_FALSE(failed[0]);
  EXPECT_FALSE(failed[1]);
  std::set<std::int64_t> all(taken[0].begin(), taken[0].end());
  all.insert(taken[1].begin(), taken[1].end());
  EXPECT_EQ(all.size(), taken[0].size() + taken[1].size());  // no row leased twice
  EXPECT_EQ(all.size(), 30U);
}

}  // namespace duly::daemon
