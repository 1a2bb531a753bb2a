// The store conformance suite, engine part two: effects and their bundling, the outbox, the
// catalog, opt-outs and the global history.
#include "daemon/store/store_conformance_engine.h"

namespace duly::daemon {
namespace {

// Every invoice of the batch asks for a reminder by e-mail and a call on 2026-02-03, and step
// "notify" for a colleague message.
TimerDecision Reminding(const std::string& step) {
  return [step](const TimerInput& input, const TimerBatch&) {
    TimerOutcome outcome = Bare(input);
    const CalendarDate day = ParseCalendarDate("2026-02-03").value();
    const Instant due = At("2026-02-03T08:00");
    outcome.runs = {{"standard", 1, step, "ran"}};
    outcome.messages = {
        {outcome.customer, "email", "reminder-" + step, "nl", outcome.invoice, step, day, due, {}}};
    outcome.call_tasks = {{outcome.customer, outcome.invoice, "follow-up", step, day, due}};
    outcome.notifications = {{"anna", "email", "customer-at-final-notice", "step:" + step,
                              outcome.customer, outcome.invoice, "", step, due}};
    outcome.events = {{"step.ran", "{\"step\":\"" + step + "\"}"}};
    return outcome;
  };
}

}  // namespace

TEST_P(StoreConformance, EffectsOfOneDayAreBundled) {
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1")}, kActor));
  ASSERT_TRUE(
      store_->UpsertInvoices({MakeInvoice("I1", "C1", 100), MakeInvoice("I2", "C1", 100)}, kActor));
  auto report = store_->FireDueTimers(clock_.Now(), 10, {}, false, Reminding("r1"));
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->effects, 6);
  EXPECT_EQ(SqlNumber("SELECT COUNT(*) FROM outbox_messages"), 2);  // customer + colleague
  EXPECT_EQ(SqlNumber("SELECT COUNT(*) FROM call_tasks"), 1);
  EXPECT_EQ(SqlText("SELECT items FROM call_tasks"),
            "[{\"invoice\":\"I1\",\"script\":\"follow-up\",\"step\":\"r1\"},"
            "{\"invoice\":\"I2\",\"script\":\"follow-up\",\"step\":\"r1\"}]");
  auto events = store_->ListCustomerEvents("C1", {"", 100});
  ASSERT_TRUE(events);
  std::vector<std::string> types;
  for (const Event& event : events->items) {
    if (event.actor == "engine") types.push_back(event.type);
  }
  EXPECT_EQ(types, (std::vector<std::string>{
                       "message.queued", "message.queued", "call_task.created", "step.ran",
                       "message.extended", "message.extended", "call_task.extended", "step.ran"}));

  auto leased =
      store_->LeaseDueMessages(At("2026-02-03T08:00"), 10, "node-1", std::chrono::minutes(1));
  ASSERT_TRUE(leased) << leased.error().message;
  ASSERT_EQ(leased->size(), 2U);
  const OutboxMessage& customer =
      (*leased)[0].recipient_kind == RecipientKind::kCustomer ? (*leased)[0] : (*leased)[1];
  const OutboxMessage& colleague =
      (*leased)[0].recipient_kind == RecipientKind::kCustomer ? (*leased)[1] : (*leased)[0];
  EXPECT_EQ(customer.recipient, "C1");
  EXPECT_EQ(customer.customer, "C1");
  EXPECT_EQ(customer.channel, "email");
  EXPECT_EQ(customer.template_id, "reminder-r1");
  EXPECT_EQ(customer.language, "nl");
  EXPECT_EQ(customer.local_day, ParseCalendarDate("2026-02-03").value());
  EXPECT_EQ(customer.due_at, At("2026-02-03T08:00"));
  EXPECT_EQ(customer.items,
            (std::vector<OutboxItem>{{"I1", "r1", "reminder-r1"}, {"I2", "r1", "reminder-r1"}}));
  EXPECT_EQ(colleague.recipient, "anna");
  EXPECT_EQ(colleague.reason, "step:r1");
  EXPECT_EQ(colleague.items.size(), 2U);
}

TEST_P(StoreConformance, LaterBatchesExtendPendingButNeverLeasedMessages) {
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1")}, kActor));
  ASSERT_TRUE(store_->UpsertInvoices({MakeInvoice("I1", "C1", 100)}, kActor));
  ASSERT_TRUE(store_->FireDueTimers(clock_.Now(), 10, {}, false, Reminding("r1")));
  ASSERT_TRUE(store_->UpsertInvoices({MakeInvoice("I2", "C1", 100)}, kActor));
  ASSERT_TRUE(store_->FireDueTimers(clock_.Now(), 10, {}, false, Reminding("r1")));
  EXPECT_EQ(SqlNumber("SELECT COUNT(*) FROM outbox_messages WHERE recipient_kind = 'customer'"), 1);
  auto leased =
      store_->LeaseDueMessages(At("2026-02-03T08:00"), 10, "node-1", std::chrono::minutes(1));
  ASSERT_TRUE(leased);
  ASSERT_EQ(leased->size(), 2U);
  ASSERT_TRUE(store_->UpsertInvoices({MakeInvoice("I3", "C1", 100)}, kActor));
  ASSERT_TRUE(store_->FireDueTimers(clock_.Now(), 10, {}, false, Reminding("r1")));
  EXPECT_EQ(SqlNumber("SELECT COUNT(*) FROM outbox_messages WHERE recipient_kind = 'customer'"), 2);
  EXPECT_EQ(SqlText("SELECT items FROM outbox_messages WHERE recipient_kind = 'customer'"
                    " AND state = 'pending'"),
            "[{\"invoice\":\"I3\",\"step\":\"r1\",\"template\":\"reminder-r1\"}]");
  EXPECT_EQ(SqlNumber("SELECT COUNT(*) FROM call_tasks"), 1);  // still one call for the day
}

TEST_P(StoreConformance, ARunThatAlreadyRanWritesNoEffects) {
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1")}, kActor));
  ASSERT_TRUE(store_->UpsertInvoices({MakeInvoice("I1", "C1", 100)}, kActor));
  TimerDecision remind = Reminding("r1");
  auto again = [&](const TimerInput& input, const TimerBatch& batch) {
    TimerOutcome outcome = remind(input, batch);
    outcome.instance = ActiveInstance("I1", "C1", "r1");
    outcome.next = NextTimer{TimerKind::kStep, "r1", clock_.Now()};  // the same step again
    return outcome;
  };
  ASSERT_TRUE(store_->FireDueTimers(clock_.Now(), 10, {}, false, again));
  const std::int64_t events = EventCount(*store_);
  auto report = store_->FireDueTimers(clock_.Now(), 10, {}, false, again);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->fired, 1);
  EXPECT_EQ(report->new_runs, 0);
  EXPECT_EQ(report->effects, 0);
  EXPECT_EQ(report->events, 0);
  EXPECT_EQ(EventCount(*store_), events);
  EXPECT_EQ(SqlText("SELECT items FROM outbox_messages WHERE recipient_kind = 'customer'"),
            "[{\"invoice\":\"I1\",\"step\":\"r1\",\"template\":\"reminder-r1\"}]");
  EXPECT_EQ(store_->StepRuns("I1")->size(), 1U);
  EXPECT_TRUE(store_->GetTimer("I1")->has_value());  // the instance and timer are still written
}

TEST_P(StoreConformance, HandoversAreWrittenOnce) {
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1")}, kActor));
  ASSERT_TRUE(store_->UpsertInvoices({MakeInvoice("I1", "C1", 100)}, kActor));
  int step = 0;
  auto hand_over = [&](const TimerInput& input, const TimerBatch&) {
    TimerOutcome outcome = Bare(input);
    outcome.runs = {{"standard", 1, "handover-" + std::to_string(step++), "ran"}};
    outcome.handover = HandoverEffect{"I1", "C1", "default"};
    outcome.next = NextTimer{TimerKind::kRecheck, "", clock_.Now()};
    return outcome;
  };
  ASSERT_TRUE(store_->FireDueTimers(clock_.Now(), 10, {}, false, hand_over));
  ASSERT_TRUE(store_->FireDueTimers(clock_.Now(), 10, {}, false, hand_over));
  EXPECT_EQ(SqlNumber("SELECT COUNT(*) FROM handovers WHERE state = 'pending'"), 1);
  auto events = store_->ListEvents({"", 1000});
  ASSERT_TRUE(events);
  int created = 0;
  for (const Event& event : events->items) created += event.type == "handover.created";
  EXPECT_EQ(created, 1);
}

TEST_P(StoreConformance, OutboxLeasesAndSettlesMessages) {
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1")}, kActor));
  ASSERT_TRUE(store_->UpsertInvoices({MakeInvoice("I1", "C1", 100)}, kActor));
  ASSERT_TRUE(store_->FireDueTimers(clock_.Now(), 10, {}, false, Reminding("r1")));
  const Instant due = At("2026-02-03T08:00");
  EXPECT_TRUE(
      store_->LeaseDueMessages(due - std::chrono::milliseconds(1), 10, "a", std::chrono::minutes(1))
          ->empty());
  auto leased = store_->LeaseDueMessages(due, 1, "a", std::chrono::minutes(1));
  ASSERT_TRUE(leased);
  ASSERT_EQ(leased->size(), 1U);
  const std::int64_t id = (*leased)[0].id;
  EXPECT_TRUE(store_->LeaseDueMessages(due, 1, "b", std::chrono::minutes(1))->size() == 1U);
  EXPECT_EQ(store_->MarkMessageSent(id, "b", "x").error().code, ErrorCode::kConflict);
  // the lease expires: another node takes it over
  auto retaken =
      store_->LeaseDueMessages(due + std::chrono::minutes(2), 10, "b", std::chrono::minutes(1));
  ASSERT_TRUE(retaken);
  EXPECT_EQ(retaken->size(), 2U);
  EXPECT_EQ(store_->MarkMessageSent(id, "a", "x").error().code, ErrorCode::kConflict);
  ASSERT_TRUE(store_->MarkMessageFailed(id, "b", false, due + std::chrono::hours(1), "timeout"));
  EXPECT_EQ(SqlText("SELECT state FROM outbox_messages WHERE id = " + std::to_string(id)),
            "pending");
  auto retry =
      store_->LeaseDueMessages(due + std::chrono::hours(1), 10, "c", std::chrono::minutes(1));
  ASSERT_TRUE(retry);
  ASSERT_EQ(retry->size(), 2U);  // the other one's lease expired too
  const OutboxMessage& again = (*retry)[0].id == id ? (*retry)[0] : (*retry)[1];
  EXPECT_EQ(again.id, id);
  EXPECT_EQ(again.attempt, 1);
  ASSERT_TRUE(store_->MarkMessageSent(id, "c", "provider-42"));
  EXPECT_EQ(SqlText("SELECT provider_id FROM outbox_messages WHERE id = " + std::to_string(id)),
            "provider-42");
  EXPECT_EQ(store_->MarkMessageSent(id, "c", "again").error().code, ErrorCode::kConflict);
  EXPECT_EQ(store_->MarkMessageSent(id + 1000, "c", "x").error().code, ErrorCode::kNotFound);
  auto events = store_->ListCustomerEvents("C1", {"", 100});
  ASSERT_TRUE(events);
  EXPECT_EQ(events->items.back().type, "message.sent");
}

TEST_P(StoreConformance, CatalogKeepsEveryVersion) {
  EXPECT_EQ(*store_->CatalogRevision(), 0);
  EXPECT_EQ(store_->LatestSegments()->version, 0);
  EXPECT_EQ(store_->LatestSegments()->definition, "{\"segments\":[]}");
  Workflow workflow;
  workflow.id = "b2b";
  workflow.segment = "b2b-standard";
  const std::string first = "{\"id\":\"b2b\",\"segment\":\"b2b-standard\",\"steps\":[]}";
  auto saved = store_->SaveWorkflow(workflow, first, kActor);
  ASSERT_TRUE(saved) << saved.error().message;
  EXPECT_EQ(saved->version, 1);
  EXPECT_EQ(saved->definition,
            "{\"id\":\"b2b\",\"segment\":\"b2b-standard\",\"steps\":[],\"version\":1}");
  EXPECT_EQ(saved->actor, "test");
  EXPECT_EQ(store_->SaveWorkflow(workflow, first, kActor)->version, 1);  // unchanged: no-op
  EXPECT_EQ(*store_->CatalogRevision(), 1);
  const std::string second = "{\"id\":\"b2b\",\"segment\":\"b2b-standard\",\"name\":\"B\"}";
  EXPECT_EQ(store_->SaveWorkflow(workflow, second, kActor)->version, 2);
  EXPECT_EQ(*store_->CatalogRevision(), 2);
  auto versions = store_->WorkflowVersions("b2b");
  ASSERT_TRUE(versions);
  ASSERT_EQ(versions->size(), 2U);
  EXPECT_EQ((*versions)[0].definition, saved->definition);  // never changed
  EXPECT_EQ(store_->GetWorkflowVersion("b2b", 0)->version, 2);
  EXPECT_EQ(store_->GetWorkflowVersion("b2b", 1)->definition, saved->definition);
  EXPECT_EQ(store_->GetWorkflowVersion("b2b", 3).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->WorkflowVersions("nope").error().code, ErrorCode::kNotFound);
  workflow.id = "b2c";
  ASSERT_TRUE(store_->SaveWorkflow(workflow, "{\"id\":\"b2c\"}", kActor));
  auto latest = store_->LatestWorkflows();
  ASSERT_TRUE(latest);
  ASSERT_EQ(latest->size(), 2U);
  EXPECT_EQ((*latest)[0].id, "b2b");
  EXPECT_EQ((*latest)[0].version, 2);
  EXPECT_EQ((*latest)[1].id, "b2c");

  const std::string segments = "{\"segments\":[{\"id\":\"b2b-standard\",\"when\":{}}]}";
  EXPECT_EQ(store_->SaveSegments(segments, kActor)->version, 1);
  EXPECT_EQ(store_->SaveSegments(segments, kActor)->version, 1);
  EXPECT_EQ(store_->LatestSegments()->definition, segments);
  EXPECT_EQ(*store_->CatalogRevision(), 4);
  EXPECT_EQ(store_->SaveSegments("[]", kActor).error().code, ErrorCode::kInvalidArgument);
  workflow.id = "";
  EXPECT_EQ(store_->SaveWorkflow(workflow, first, kActor).error().code,
            ErrorCode::kInvalidArgument);
  auto events = store_->ListEvents({"", 100});
  ASSERT_TRUE(events);
  ASSERT_EQ(events->items.size(), 4U);
  EXPECT_EQ(events->items[0].type, "workflow.saved");
  EXPECT_EQ(events->items[3].type, "segments.saved");
}

TEST_P(StoreConformance, OptOutsReachTheTimerInput) {
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1")}, kActor));
  ASSERT_TRUE(store_->UpsertInvoices({MakeInvoice("I1", "C1", 100)}, kActor));
  const std::int64_t before = EventCount(*store_);
  ASSERT_TRUE(store_->RecordOptOut("C1", "sms", kActor));
  ASSERT_TRUE(store_->RecordOptOut("C1", "sms", kActor));  // twice changes nothing
  ASSERT_TRUE(store_->RecordOptOut("C1", "letter", kActor));
  EXPECT_EQ(EventCount(*store_), before + 2);
  auto bad = store_->RecordOptOut("C1", "pigeon", kActor);
  ASSERT_FALSE(bad);
  EXPECT_TRUE(HasField(bad.error(), "/channel"));
  EXPECT_EQ(store_->RecordOptOut("C9", "sms", kActor).error().code, ErrorCode::kNotFound);
  Recorder recorder;
  ASSERT_TRUE(store_->FireDueTimers(clock_.Now(), 10, {}, false, recorder.Decide()));
  EXPECT_EQ(recorder.seen["I1"].opted_out, (std::set<std::string>{"letter", "sms"}));
}

TEST_P(StoreConformance, ListEventsPagesTheWholeHistory) {
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1"), MakeCustomer("C2")}, kActor));
  ASSERT_TRUE(store_->UpsertInvoices({MakeInvoice("I1", "C2", 100)}, kActor));
  std::vector<std::int64_t> seqs;
  PageRequest page{"", 2};
  for (;;) {
    auto result = store_->ListEvents(page);
    ASSERT_TRUE(result) << result.error().message;
    for (const Event& event : result->items) seqs.push_back(event.seq);
    if (result->next_after.empty()) break;
    page.after = result->next_after;
  }
  EXPECT_EQ(seqs, (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(store_->ListEvents({"x", 10}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(store_->ListEvents({"", 0}).error().code, ErrorCode::kInvalidArgument);
}

}  // namespace duly::daemon
