// The store conformance suite, channels part four: SettleMessages, many leased rows' outcomes
// recorded in one transaction (what the dispatcher does after each burst of sends).
#include <algorithm>

#include "daemon/store/store_conformance_channels.h"

namespace duly::daemon {
namespace {

const Instant kDue = At("2026-02-03T08:00");
constexpr std::chrono::minutes kLease{1};

// `count` customers C0.. with one invoice each and one sms row each (falling back to email),
// leased by `owner`; returns the row ids by customer number.
std::vector<std::int64_t> LeaseRows(SociStore& store, ManualClock& clock, int count,
                                    const std::string& owner) {
  std::vector<Customer> customers;
  std::vector<Invoice> invoices;
  for (int i = 0; i < count; ++i) {
    customers.push_back(MakeCustomer("C" + std::to_string(i)));
    invoices.push_back(MakeInvoice("I" + std::to_string(i), "C" + std::to_string(i), 100));
  }
  std::vector<std::int64_t> ids(static_cast<std::size_t>(count), 0);
  if (!store.UpsertCustomers(customers, kActor) || !store.UpsertInvoices(invoices, kActor) ||
      !store.FireDueTimers(clock.Now(), 100, {}, false, Queuing("sms", {"email"}))) {
    return ids;
  }
  auto leased = store.LeaseDueMessages(kDue, 100, owner, kLease);
  if (!leased) return ids;
  for (const OutboxMessage& row : *leased) {
    ids[static_cast<std::size_t>(std::stoi(row.customer.substr(1)))] = row.id;
  }
  return ids;
}

OutboxRecord Latest(SociStore& store, const std::string& customer) {
  auto listed = store.ListCustomerMessages(customer, 1);
  return listed && !listed->empty() ? listed->front() : OutboxRecord{};
}

}  // namespace

TEST_P(StoreConformance, SettleMessagesRecordsEveryOutcomeAsItsMarkWould) {
  const std::vector<std::int64_t> ids = LeaseRows(*store_, clock_, 7, "node-1");
  ASSERT_EQ(std::count(ids.begin(), ids.end(), 0), 0) << "every row leased";
  clock_.Set(kDue + std::chrono::seconds(5));
  const Instant retry = kDue + std::chrono::minutes(3);
  const Instant attempted = kDue + std::chrono::seconds(1);
  const Instant reconcile = kDue + std::chrono::minutes(10);
  const std::int64_t events_before = EventCount(*store_);
  std::vector<MessageSettlement> batch = {
      MessageSettlement::Sent(ids[0], "SM0"),
      MessageSettlement::Failed(ids[1], true, kDue, "21211"),
      MessageSettlement::Failed(ids[2], false, retry, "503 busy"),
      MessageSettlement::Fallback(ids[3], "email", "21614"),
      MessageSettlement::Unknown(ids[4], attempted, reconcile, "timeout"),
      MessageSettlement::Canceled(ids[5], "paid"),
      MessageSettlement::Fallback(ids[6], "letter", "21614"),  // not its first fallback
      MessageSettlement::Sent(ids[0], "SM0-again"),            // already sent
      MessageSettlement::Sent(ids[6] + 1000, "SM9"),           // no such row
  };
  auto settled = store_->SettleMessages(batch, "node-1");
  ASSERT_TRUE(settled) << settled.error().message;
  ASSERT_EQ(settled->size(), batch.size());
  for (std::size_t i = 0; i < 6; ++i) EXPECT_TRUE((*settled)[i]) << "settlement " << i;
  ASSERT_FALSE((*settled)[6]);
  EXPECT_TRUE(HasField((*settled)[6].error(), "/channel"));  // not the row's first fallback
  ASSERT_FALSE((*settled)[7]);
  EXPECT_EQ((*settled)[7].error().code, ErrorCode::kConflict);  // already sent: not leased now
  ASSERT_FALSE((*settled)[8]);
  EXPECT_EQ((*settled)[8].error().code, ErrorCode::kNotFound);

  const OutboxRecord sent = Latest(*store_, "C0");
  EXPECT_EQ(sent.state, "sent");
  EXPECT_EQ(sent.message.provider_id, "SM0");
  EXPECT_EQ(sent.sent_at, kDue + std::chrono::seconds(5));
  const OutboxRecord failed = Latest(*store_, "C1");
  EXPECT_EQ(failed.state, "failed");
  EXPECT_EQ(failed.last_error, "21211");
  EXPECT_EQ(failed.message.attempt, 1);
  const OutboxRecord retried = Latest(*store_, "C2");
  EXPECT_EQ(retried.state, "pending");
  EXPECT_EQ(retried.message.due_at, retry);
  EXPECT_EQ(retried.last_error, "503 busy");
  const OutboxRecord moved = Latest(*store_, "C3");
  EXPECT_EQ(moved.state, "pending");
  EXPECT_EQ(moved.message.channel, "email");
  EXPECT_TRUE(moved.message.fallbacks.empty());
  EXPECT_EQ(moved.message.due_at, kDue + std::chrono::seconds(5));
  const OutboxRecord unknown = Latest(*store_, "C4");
  EXPECT_EQ(unknown.state, "reconcile");
  EXPECT_TRUE(unknown.message.needs_reconcile);
  EXPECT_EQ(unknown.message.attempted_at, attempted);
  EXPECT_EQ(unknown.message.due_at, reconcile);
  const OutboxRecord canceled = Latest(*store_, "C5");
  EXPECT_EQ(canceled.state, "canceled");
  EXPECT_EQ(canceled.last_error, "paid");
  EXPECT_EQ(Latest(*store_, "C6").state, "leased");  // refused: untouched

  EXPECT_EQ(EventCount(*store_), events_before + 6);  // one event per recorded row
  EXPECT_EQ(EventTypes(*store_, "C0").back(), "message.sent");
  EXPECT_EQ(EventTypes(*store_, "C1").back(), "message.failed");
  EXPECT_EQ(EventTypes(*store_, "C2").back(), "message.failed");
  EXPECT_EQ(EventTypes(*store_, "C3").back(), "message.fallback");
  EXPECT_EQ(EventTypes(*store_, "C4").back(), "message.outcome_unknown");
  EXPECT_EQ(EventTypes(*store_, "C5").back(), "message.canceled");
  const std::string retry_payload = LastPayload(*store_, "C2", "message.failed");
  EXPECT_NE(retry_payload.find("\"permanent\":false"), std::string::npos) << retry_payload;
  EXPECT_NE(retry_payload.find("\"retry_at\""), std::string::npos) << retry_payload;
  const std::string fallback_payload = LastPayload(*store_, "C3", "message.fallback");
  EXPECT_NE(fallback_payload.find("\"from\":\"sms\""), std::string::npos) << fallback_payload;
  EXPECT_NE(fallback_payload.find("\"to\":\"email\""), std::string::npos) << fallback_payload;
  auto verdict = store_->VerifyHistory();
  ASSERT_TRUE(verdict);
  EXPECT_TRUE(verdict->intact) << verdict->problem;
  // The rows settled back to pending are leasable again, as after their Mark*.
  auto again = store_->LeaseDueMessages(reconcile, 100, "node-2", kLease);
  ASSERT_TRUE(again);
  std::vector<std::string> customers;
  for (const OutboxMessage& row : *again) customers.push_back(row.customer);
  std::sort(customers.begin(), customers.end());
  EXPECT_EQ(customers, (std::vector<std::string>{"C2", "C3", "C4", "C6"}));  // C6: lease expired
}

TEST_P(StoreConformance, SettleMessagesOfAnotherOwnerChangeNothing) {
  const std::vector<std::int64_t> ids = LeaseRows(*store_, clock_, 2, "node-1");
  ASSERT_EQ(std::count(ids.begin(), ids.end(), 0), 0) << "every row leased";
  const std::int64_t events_before = EventCount(*store_);
  std::vector<MessageSettlement> batch = {
      MessageSettlement::Sent(ids[0], "SM0"),
      MessageSettlement::Canceled(ids[1], "paid"),
  };
  auto settled = store_->SettleMessages(batch, "node-2");
  ASSERT_TRUE(settled);
  ASSERT_EQ(settled->size(), 2U);
  for (const Status& status : *settled) {
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code, ErrorCode::kConflict);
  }
  EXPECT_EQ(EventCount(*store_), events_before);
  EXPECT_EQ(Latest(*store_, "C0").state, "leased");
  auto nobody = store_->SettleMessages(batch, "");
  ASSERT_FALSE(nobody);
  EXPECT_TRUE(HasField(nobody.error(), "/owner"));
  auto none = store_->SettleMessages({}, "node-1");
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST_P(StoreConformance, SettleMessagesThatFailMidwayRecordNothing) {
  const std::vector<std::int64_t> ids = LeaseRows(*store_, clock_, 3, "node-1");
  ASSERT_EQ(std::count(ids.begin(), ids.end(), 0), 0) << "every row leased";
  // The database refuses to update the third row: the whole batch must roll back.
  const std::string third = std::to_string(ids[2]);
  if (url_.kind == DatabaseKind::kPostgresql) {
    RawSql(
        "CREATE FUNCTION refuse_update() RETURNS trigger LANGUAGE plpgsql AS"
        " $$ BEGIN RAISE EXCEPTION 'refused'; END $$");
    RawSql("CREATE TRIGGER refuse BEFORE UPDATE ON outbox_messages FOR EACH ROW WHEN (NEW.id = " +
           third + ") EXECUTE FUNCTION refuse_update()");
  } else {
    RawSql("CREATE TRIGGER refuse BEFORE UPDATE ON outbox_messages WHEN NEW.id = " + third +
           " BEGIN SELECT RAISE(ABORT, 'refused'); END");
  }
  const std::int64_t events_before = EventCount(*store_);
  std::vector<MessageSettlement> batch;
  for (std::int64_t id : ids) {
    batch.push_back(MessageSettlement::Sent(id, "SM"));
  }
  auto settled = store_->SettleMessages(batch, "node-1");
  EXPECT_FALSE(settled);
  EXPECT_EQ(EventCount(*store_), events_before);
  EXPECT_EQ(Latest(*store_, "C0").state, "leased");
  EXPECT_EQ(Latest(*store_, "C1").state, "leased");
  RawSql("DROP TRIGGER refuse" +
         std::string(url_.kind == DatabaseKind::kPostgresql ? " ON outbox_messages" : ""));
  auto again = store_->SettleMessages(batch, "node-1");
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_TRUE(std::all_of(again->begin(), again->end(), [](const Status& s) { return s.ok(); }));
  EXPECT_EQ(EventCount(*store_), events_before + 3);
  auto verdict = store_->VerifyHistory();
  ASSERT_TRUE(verdict);
  EXPECT_TRUE(verdict->intact) << verdict->problem;
}

}  // namespace duly::daemon
