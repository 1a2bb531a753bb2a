// The store conformance suite, channels part two: the collectors' work list (call tasks from the
// engine, follow-up tasks, claims and completions), replies, phones and opt-ins.
#include "daemon/store/store_conformance_channels.h"

namespace duly::daemon {
namespace {

Colleague Collector(const std::string& id) {
  Colleague colleague;
  colleague.id = id;
  colleague.name = "Collector " + id;
  colleague.role = "collector";
  colleague.department = "credit";
  colleague.email = id + "@example.nl";
  return colleague;
}

// C1 with invoices I1 (1.00, due 2026-02-01) and I2 (3.00, due 2026-02-05), a call task for both
// on 2026-02-03, and collectors anna and bob.
void PlanCalls(SociStore& store) {
  ASSERT_TRUE(store.UpsertCustomers({MakeCustomer("C1")}, kActor));
  ASSERT_TRUE(store.UpsertColleagues({Collector("anna"), Collector("bob")}, kActor));
  ASSERT_TRUE(store.UpsertInvoices(
      {MakeInvoice("I1", "C1", 100, 1), MakeInvoice("I2", "C1", 300, 5)}, kActor));
  ASSERT_TRUE(store.FireDueTimers(FromEpochMillis(1767225600000), 10, {}, false,
                                  Queuing("email", {}, true)));
}

}  // namespace

TEST_P(StoreConformance, CallTasksListWithTheirWorkListFacts) {
  PlanCalls(*store_);
  RawSql(
      "INSERT INTO workflow_instances (invoice, customer, segment, workflow, version, state,"
      " next_step, reason, updated_at) VALUES ('I2', 'C1', 'b2b-large', 'std', 1, 'active', '',"
      " '', 0)");
  EXPECT_TRUE(store_->ListOpenTasks(At("2026-02-03T07:59"), 10)->empty());  // not due yet
  auto tasks = store_->ListOpenTasks(At("2026-02-11"), 10);
  ASSERT_TRUE(tasks) << tasks.error().message;
  ASSERT_EQ(tasks->size(), 1U);
  const CollectorTask& task = (*tasks)[0];
  EXPECT_EQ(task.kind, TaskKind::kCall);
  EXPECT_EQ(task.customer, "C1");
  EXPECT_EQ(task.items,
            (std::vector<TaskItem>{{"I1", "c1", "courtesy"}, {"I2", "c1", "courtesy"}}));
  EXPECT_EQ(task.script, "courtesy");
  EXPECT_EQ(task.state, TaskState::kOpen);
  EXPECT_EQ(task.due_at, At("2026-02-03T08:00"));
  EXPECT_EQ(task.open_amount, Money::FromCents(400));
  EXPECT_EQ(task.days_overdue, 10);  // I1 was due 2026-02-01
  EXPECT_EQ(task.segment, "b2b-large");
  ASSERT_TRUE(store_->PostPayments({MakePayment("P1", "C1", 100)}, kActor));  // pays I1
  auto after = store_->GetTask(task.id);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->open_amount, Money::FromCents(300));
  EXPECT_EQ(store_->GetTask(task.id + 100).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->ListOpenTasks(At("2026-02-11"), 0).error().code, ErrorCode::kInvalidArgument);
}

TEST_P(StoreConformance, ClaimsConflictAndCompletionsFollowTheOutcome) {
  PlanCalls(*store_);
  const std::int64_t id = (*store_->ListOpenTasks(At("2026-02-11"), 10))[0].id;
  EXPECT_EQ(store_->ClaimTask(id, "nobody", kActor).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->ClaimTask(id + 100, "anna", kActor).error().code, ErrorCode::kNotFound);
  auto claimed = store_->ClaimTask(id, "anna", kActor);
  ASSERT_TRUE(claimed) << claimed.error().message;
  EXPECT_EQ(claimed->state, TaskState::kClaimed);
  EXPECT_EQ(claimed->assignee, "anna");
  const std::int64_t events = EventCount(*store_);
  EXPECT_TRUE(store_->ClaimTask(id, "anna", kActor));  // her own claim again: nothing written
  EXPECT_EQ(EventCount(*store_), events);
  EXPECT_EQ(store_->ClaimTask(id, "bob", kActor).error().code, ErrorCode::kConflict);

  // The engine adds an invoice for the same day: the claim stays.
  ASSERT_TRUE(store_->UpsertInvoices({MakeInvoice("I3", "C1", 500)}, kActor));
  ASSERT_TRUE(store_->FireDueTimers(clock_.Now(), 10, {}, false, Queuing("email", {}, true)));
  EXPECT_EQ(store_->GetTask(id)->items.size(), 3U);
  EXPECT_EQ(store_->GetTask(id)->state, TaskState::kClaimed);

  TaskCompletion completion;
  completion.colleague = "bob";
  completion.outcome = CallOutcome::kReached;
  EXPECT_EQ(store_->CompleteTask(id, completion, kActor).error().code, ErrorCode::kConflict);
  completion.colleague = "anna";
  completion.outcome.reset();
  EXPECT_TRUE(HasField(store_->CompleteTask(id, completion, kActor).error(), "/outcome"));
  completion.outcome = CallOutcome::kNoAnswer;
  EXPECT_TRUE(HasField(store_->CompleteTask(id, completion, kActor).error(), "/retry_at"));
  completion.retry_at = At("2026-02-04T10:00");
  completion.note = "voicemail";
  auto retried = store_->CompleteTask(id, completion, kActor);
  ASSERT_TRUE(retried) << retried.error().message;
  EXPECT_EQ(retried->state, TaskState::kOpen);
  EXPECT_EQ(retried->assignee, "");
  EXPECT_EQ(retried->attempts, 1);
  EXPECT_EQ(retried->due_at, At("2026-02-04T10:00"));
  EXPECT_TRUE(store_->ListOpenTasks(At("2026-02-04T09:59"), 10)->empty());
  ASSERT_EQ(store_->ListOpenTasks(At("2026-02-04T10:00"), 10)->size(), 1U);

  ASSERT_TRUE(store_->ClaimTask(id, "bob", kActor));  // open again: anyone may take it
  completion = {};
  completion.colleague = "bob";
  completion.outcome = CallOutcome::kPromise;
  EXPECT_TRUE(HasField(store_->CompleteTask(id, completion, kActor).error(), "/promised_amount"));
  completion.promised_amount = Money::FromCents(5000);
  EXPECT_TRUE(HasField(store_->CompleteTask(id, completion, kActor).error(), "/promised_date"));
  completion.promised_date = ParseCalendarDate("2026-02-20").value();
  completion.dispute_reason = "price";
  EXPECT_TRUE(HasField(store_->CompleteTask(id, completion, kActor).error(), "/dispute_reason"));
  completion.dispute_reason.clear();
  auto done = store_->CompleteTask(id, completion, kActor);
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(done->state, TaskState::kDone);
  EXPECT_EQ(done->assignee, "bob");
  EXPECT_EQ(done->attempts, 1);
  const std::string payload = LastPayload(*store_, "C1", "task.completed");
  EXPECT_NE(payload.find("\"outcome\":\"promise\""), std::string::npos) << payload;
  EXPECT_NE(payload.find("\"promised_amount\":\"50.00\""), std::string::npos) << payload;
  EXPECT_NE(payload.find("\"promised_date\":\"2026-02-20\""), std::string::npos) << payload;
  EXPECT_EQ(store_->CompleteTask(id, completion, kActor).error().code, ErrorCode::kConflict);
  EXPECT_EQ(store_->ClaimTask(id, "bob", kActor).error().code, ErrorCode::kConflict);
  EXPECT_TRUE(store_->ListOpenTasks(At("2026-03-01"), 10)->empty());
  EXPECT_TRUE(store_->VerifyHistory()->intact);
}

TEST_P(StoreConformance, DisputedCallRecordsTheCustomersWords) {
  PlanCalls(*store_);
  const std::int64_t id = (*store_->ListOpenTasks(At("2026-02-11"), 10))[0].id;
  TaskCompletion completion;
  completion.colleague = "anna";  // unclaimed: anyone may complete it
  completion.outcome = CallOutcome::kDispute;
  EXPECT_TRUE(HasField(store_->CompleteTask(id, completion, kActor).error(), "/dispute_reason"));
  completion.dispute_reason = "Levering was onvolledig — één doos ontbrak";
  ASSERT_TRUE(store_->CompleteTask(id, completion, kActor));
  const std::string payload = LastPayload(*store_, "C1", "task.completed");
  EXPECT_NE(payload.find("één doos ontbrak"), std::string::npos) << payload;
}

TEST_P(StoreConformance, FollowUpTasksAreCreatedAndClosedWithoutOutcome) {
  PlanCalls(*store_);
  NewTask task;
  task.kind = TaskKind::kCall;
  task.customer = "C1";
  EXPECT_TRUE(HasField(store_->CreateTask(task, kActor).error(), "/kind"));
  task.kind = TaskKind::kFailedMessage;
  task.customer = "C9";
  EXPECT_EQ(store_->CreateTask(task, kActor).error().code, ErrorCode::kNotFound);
  task.customer = "C1";
  task.invoices = {"I2"};
  task.detail = "sms failed: Twilio 21211 invalid number; no channel left";
  task.message = 7;
  clock_.Set(At("2026-02-03T09:00"));
  auto created = store_->CreateTask(task, kActor);
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_EQ(created->kind, TaskKind::kFailedMessage);
  EXPECT_EQ(created->items, (std::vector<TaskItem>{{"I2", "", ""}}));
  EXPECT_EQ(created->detail, task.detail);
  EXPECT_EQ(created->message, 7);
  EXPECT_EQ(created->due_at, At("2026-02-03T09:00"));
  EXPECT_EQ(created->open_amount, Money::FromCents(300));  // only the invoice it names
  EXPECT_EQ(EventTypes(*store_, "C1").back(), "task.created");
  EXPECT_EQ(*store_->GetTask(created->id), *created);
  EXPECT_EQ(store_->ListOpenTasks(At("2026-02-11"), 10)->size(), 2U);  // the call and this one
  TaskCompletion completion;
  completion.colleague = "anna";
  completion.outcome = CallOutcome::kReached;
  EXPECT_TRUE(HasField(store_->CompleteTask(created->id, completion, kActor).error(), "/outcome"));
  completion.outcome.reset();
  completion.note = "number corrected in the ERP";
  auto done = store_->CompleteTask(created->id, completion, kActor);
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(done->state, TaskState::kDone);
}

TEST_P(StoreConformance, RepliesAreAttributedByPhone) {
  Customer own = MakeCustomer("C1");
  own.phone = "+32470000001";
  own.contacts.clear();
  Customer contact = MakeCustomer("C2");
  contact.contacts = {{"Bea", "owner", "", "+32470000001"}};
  Customer longer = MakeCustomer("C3");
  longer.contacts = {{"Cas", "owner", "", "+324700000012"}};  // starts with the same digits
  ASSERT_TRUE(store_->UpsertCustomers({own, contact, longer}, kActor));
  EXPECT_EQ(*store_->FindCustomersByPhone("+32470000001"), (std::vector<std::string>{"C1", "C2"}));
  EXPECT_EQ(*store_->FindCustomersByPhone("+324700000012"), (std::vector<std::string>{"C3"}));
  EXPECT_TRUE(store_->FindCustomersByPhone("+3247%")->empty());
  EXPECT_TRUE(store_->FindCustomersByPhone("+32999999999")->empty());
  EXPECT_EQ(store_->RecordReply("+32999999999", "sms", "hi", "SM1", kActor).error().code,
            ErrorCode::kNotFound);
  EXPECT_TRUE(
      HasField(store_->RecordReply("+32470000001", "email", "hi", "", kActor).error(), "/channel"));
  auto tasks =
      store_->RecordReply("+32470000001", "whatsapp", "Ik heb gisteren betaald", "SM9", kActor);
  ASSERT_TRUE(tasks) << tasks.error().message;
  ASSERT_EQ(tasks->size(), 2U);
  EXPECT_EQ((*tasks)[0].customer, "C1");
  EXPECT_EQ((*tasks)[1].customer, "C2");
  EXPECT_EQ((*tasks)[0].kind, TaskKind::kReply);
  EXPECT_EQ((*tasks)[0].detail, "Ik heb gisteren betaald");
  const std::vector<std::string> types = EventTypes(*store_, "C2");
  ASSERT_GE(types.size(), 2U);
  EXPECT_EQ(types[types.size() - 2], "customer.replied");
  EXPECT_EQ(types.back(), "task.created");
  EXPECT_NE(LastPayload(*store_, "C1", "customer.replied").find("\"provider_id\":\"SM9\""),
            std::string::npos);
}

TEST_P(StoreConformance, OptInUndoesAnOptOut) {
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1")}, kActor));
  EXPECT_TRUE(HasField(store_->RecordOptIn("C1", "fax", kActor).error(), "/channel"));
  EXPECT_EQ(store_->RecordOptIn("C9", "sms", kActor).error().code, ErrorCode::kNotFound);
  const std::int64_t before = EventCount(*store_);
  ASSERT_TRUE(store_->RecordOptIn("C1", "sms", kActor));  // not opted out: nothing written
  EXPECT_EQ(EventCount(*store_), before);
  ASSERT_TRUE(store_->RecordOptOut("C1", "sms", kActor));
  ASSERT_TRUE(store_->RecordOptOut("C1", "email", kActor));
  EXPECT_EQ(SqlNumber("SELECT COUNT(*) FROM channel_opt_outs"), 2);
  EXPECT_EQ(*store_->OptedOutChannels("C1"), (std::set<std::string>{"email", "sms"}));
  ASSERT_TRUE(store_->RecordOptIn("C1", "sms", kActor));
  EXPECT_EQ(SqlNumber("SELECT COUNT(*) FROM channel_opt_outs"), 1);
  EXPECT_EQ(*store_->OptedOutChannels("C1"), (std::set<std::string>{"email"}));
  EXPECT_EQ(store_->OptedOutChannels("C9").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(EventTypes(*store_, "C1").back(), "customer.opted_in");
  EXPECT_EQ(EventCount(*store_), before + 3);
}

}  // namespace duly::daemon
