// DecideTimer: the start timer, segment assignment, catch-up and conditions.
#include <gtest/gtest.h>

#include "workflows/engine/decide.h"
#include "workflows/engine/testdata/fixture.h"

namespace duly {
namespace {

using namespace testdata;  // NOLINT(google-build-using-namespace): test fixtures

class DecideStartTest : public ::testing::Test {
 protected:
  std::shared_ptr<const Catalog> catalog_ =
      MakeCatalog({Stored(kB2bStandard, 1), Stored(kKeyAccounts, 1)});
  EngineOptions options_;

  TimerOutcome Decide(const TimerInput& input, Instant now) {
    return DecideTimer(input, Batch(now), *catalog_, options_);
  }
};

TEST_F(DecideStartTest, StartCreatesTheInstanceAndWaitsForTheFirstStep) {
  const Instant now = Local("2026-02-08", 14);
  const TimerOutcome outcome = Decide(Input(TimerKind::kStart, "", now, std::nullopt), now);
  EXPECT_EQ(outcome.timer_id, 7);
  EXPECT_EQ(outcome.customer, "C1");
  ASSERT_TRUE(outcome.instance.has_value());
  EXPECT_EQ(*outcome.instance, (Instance{"INV-1", "C1", "b2b-standard", "b2b-standard", 1,
                                         InstanceState::kActive, "courtesy-call", ""}));
  EXPECT_EQ(EventTypes(outcome), std::vector<std::string>{"instance.started"});
  const nlohmann::json started = Payload(outcome, "instance.started");
  EXPECT_EQ(started["segment"], "b2b-standard");
  EXPECT_EQ(started["version"], 1);
  ASSERT_TRUE(outcome.next.has_value());
  EXPECT_EQ(*outcome.next, (NextTimer{TimerKind::kStep, "courtesy-call", Local("2026-03-05", 9)}));
  EXPECT_TRUE(outcome.runs.empty());
}

TEST_F(DecideStartTest, StartAssignsTheSegmentFromTags) {
  Customer key = C1();
  key.tags = {"key-account"};
  const Instant now = Local("2026-02-08", 14);
  const TimerOutcome outcome =
      Decide(Input(TimerKind::kStart, "", now, std::nullopt, Inv1(), key), now);
  ASSERT_TRUE(outcome.instance.has_value());
  EXPECT_EQ(outcome.instance->segment, "key-accounts");
  EXPECT_EQ(outcome.instance->workflow, "key-accounts");
  EXPECT_EQ(outcome.instance->next_step, "personal-call");
}

TEST_F(DecideStartTest, StartAssignsTheSegmentFromTheCustomersRiskRating) {
  constexpr std::string_view kRiskSegments = R"({ "segments": [
    { "id": "high-risk",    "priority": 1, "when": { "customer.risk_rating": { "eq": "high" } } },
    { "id": "b2b-standard", "priority": 9, "when": {} }
  ] })";
  constexpr std::string_view kHighRisk = R"({ "id": "high-risk", "name": "High risk",
    "segment": "high-risk", "steps": [
      { "id": "early-call", "at": "due-2d", "action": { "type": "call_task", "script": "risk" } } ] })";
  catalog_ = MakeCatalog({Stored(kB2bStandard, 1), Stored(kHighRisk, 1)}, kRiskSegments);
  // The rating is a record fact: the store is not asked to compute it.
  EXPECT_EQ(catalog_->facts.names.count("customer.risk_rating"), 0U);
  const Instant now = Local("2026-02-08", 14);
  auto segment_of = [&](const std::string& rating) {
    Customer customer = C1();
    customer.risk_rating = rating;
    const TimerOutcome outcome =
        Decide(Input(TimerKind::kStart, "", now, std::nullopt, Inv1(), customer), now);
    EXPECT_TRUE(outcome.instance.has_value()) << rating;
    return outcome.instance ? outcome.instance->segment + "/" + outcome.instance->workflow : "";
  };
  EXPECT_EQ(segment_of("high"), "high-risk/high-risk");
  EXPECT_EQ(segment_of("medium"), "b2b-standard/b2b-standard");
  EXPECT_EQ(segment_of(""), "b2b-standard/b2b-standard");  // unknown: the fact is missing
}

TEST_F(DecideStartTest, UnservedSegmentWaitsOnRechecksAndSaysSoOnce) {
  Customer consumer = C1();
  consumer.kind = CustomerKind::kB2c;  // "consumers" has no workflow in this catalog
  const Instant now = Local("2026-02-08", 14);
  const TimerOutcome first =
      Decide(Input(TimerKind::kStart, "", now, std::nullopt, Inv1(), consumer), now);
  EXPECT_FALSE(first.instance.has_value());
  EXPECT_EQ(Payload(first, "instance.unserved")["segment"], "consumers");
  ASSERT_TRUE(first.next.has_value());
  EXPECT_EQ(*first.next, (NextTimer{TimerKind::kRecheck, "", now + std::chrono::hours{24}}));

  const Instant later = now + std::chrono::hours{24};
  const TimerOutcome again =
      Decide(Input(TimerKind::kRecheck, "", later, std::nullopt, Inv1(), consumer), later);
  EXPECT_TRUE(again.events.empty());
  EXPECT_FALSE(again.instance.has_value());
  ASSERT_TRUE(again.next.has_value());
  EXPECT_EQ(again.next->kind, TimerKind::kRecheck);

  // Once served (the customer is b2b again), the recheck creates the instance.
  const TimerOutcome served = Decide(Input(TimerKind::kRecheck, "", later, std::nullopt), later);
  ASSERT_TRUE(served.instance.has_value());
  EXPECT_EQ(EventTypes(served), std::vector<std::string>{"instance.started"});
}

TEST_F(DecideStartTest, LateStartSkipsOvertakenStepsAndRunsOnlyTheLatest) {
  // Imported on Saturday 2026-03-21: courtesy-call (03-05) and reminder-1 (03-13) are overtaken,
  // reminder-2 (03-20) runs now; WhatsApp and SMS are closed on Saturday, so e-mail goes.
  const Instant now = Local("2026-03-21", 12);
  const TimerOutcome outcome = Decide(Input(TimerKind::kStart, "", now, std::nullopt), now);
  EXPECT_EQ(RunOutcomes(outcome),
            (std::vector<std::string>{"courtesy-call=skipped:overtaken",
                                      "reminder-1=skipped:overtaken", "reminder-2=ran"}));
  EXPECT_EQ(EventTypes(outcome), (std::vector<std::string>{"instance.started", "step.skipped",
                                                           "step.skipped", "step.ran"}));
  EXPECT_EQ(nlohmann::json::parse(outcome.events[1].payload),
            (nlohmann::json{{"invoice", "INV-1"},
                            {"step", "courtesy-call"},
                            {"reason", "overtaken"},
                            {"workflow", "b2b-standard"},
                            {"version", 1}}));
  ASSERT_EQ(outcome.messages.size(), 1u);
  EXPECT_EQ(outcome.messages[0].channel, "email");
  EXPECT_EQ(outcome.messages[0].template_id, "reminder-second");
  EXPECT_EQ(outcome.messages[0].due_at, now);
  ASSERT_TRUE(outcome.next.has_value());
  EXPECT_EQ(*outcome.next, (NextTimer{TimerKind::kStep, "follow-up-call", Local("2026-03-27", 9)}));
  EXPECT_EQ(outcome.instance->next_step, "follow-up-call");
}

TEST_F(DecideStartTest, LargeInvoiceGetsItsCourtesyCallFiveDaysBeforeDue) {
  const Instant at = Local("2026-03-05", 9);  // a Thursday
  const TimerOutcome outcome =
      Decide(Input(TimerKind::kStep, "courtesy-call", at, Running("courtesy-call"),
                   Inv1("2026-03-10", "6000.00")),
             at);
  EXPECT_EQ(RunOutcomes(outcome), std::vector<std::string>{"courtesy-call=ran"});
  ASSERT_EQ(outcome.call_tasks.size(), 1u);
  EXPECT_EQ(outcome.call_tasks[0], (CallTaskEffect{"C1", "INV-1", "courtesy", "courtesy-call",
                                                   *ParseCalendarDate("2026-03-05"), at}));
  const nlohmann::json ran = Payload(outcome, "step.ran");
  EXPECT_EQ(ran["workflow"], "b2b-standard");
  EXPECT_EQ(ran["version"], 1);
  EXPECT_EQ(ran["step"], "courtesy-call");
  EXPECT_EQ(ran["action"], "call_task");
  EXPECT_EQ(ran["script"], "courtesy");
  ASSERT_TRUE(outcome.next.has_value());
  EXPECT_EQ(*outcome.next, (NextTimer{TimerKind::kStep, "reminder-1", Local("2026-03-13", 9)}));
}

TEST_F(DecideStartTest, SmallInvoiceSkipsTheCourtesyCallOnItsCondition) {
  const Instant at = Local("2026-03-05", 9);
  const TimerOutcome outcome =
      Decide(Input(TimerKind::kStep, "courtesy-call", at, Running("courtesy-call")), at);
  EXPECT_EQ(RunOutcomes(outcome), std::vector<std::string>{"courtesy-call=skipped:condition"});
  EXPECT_TRUE(outcome.call_tasks.empty());
  EXPECT_EQ(Payload(outcome, "step.skipped")["reason"], "condition");
  ASSERT_TRUE(outcome.next.has_value());
  EXPECT_EQ(outcome.next->step, "reminder-1");
}

TEST_F(DecideStartTest, StartOnAHeldInvoiceCreatesAPausedInstance) {
  TimerInput input = Input(TimerKind::kStart, "", Local("2026-02-08", 14), std::nullopt);
  input.hold.disputed = true;
  const TimerOutcome outcome = Decide(input, Local("2026-02-08", 14));
  EXPECT_EQ(EventTypes(outcome), (std::vector<std::string>{"instance.started", "instance.paused"}));
  ASSERT_TRUE(outcome.instance.has_value());
  EXPECT_EQ(outcome.instance->state, InstanceState::kPaused);
  EXPECT_EQ(outcome.instance->next_step, "courtesy-call");
  EXPECT_EQ(outcome.next->kind, TimerKind::kRecheck);
}

TEST_F(DecideStartTest, DaysOverdueIsCountedInTheCustomersZone) {
  // A step conditioned on days overdue: at 00:30 Amsterdam on 03-11 the invoice due 03-10 is one
  // day overdue, although it is still 03-10 in UTC.
  constexpr std::string_view kOverdue =
      R"({ "id": "overdue", "segment": "b2b-standard", "name": "o",
    "steps": [ { "id": "late", "at": "due+0h", "when": { "invoice.days_overdue": { "gte": 1 } },
                 "action": { "type": "message", "channel": "email", "template": "t" } } ] })";
  catalog_ = MakeCatalog({Stored(kOverdue, 1)},
                         R"({"segments":[{"id":"b2b-standard","priority":1,"when":{}}]})");
  const Instant now = Local("2026-03-11", 0, 30);
  const TimerOutcome outcome = Decide(Input(TimerKind::kStart, "", now, std::nullopt), now);
  EXPECT_EQ(RunOutcomes(outcome), std::vector<std::string>{"late=ran"});
  EXPECT_EQ(outcome.messages.at(0).local_day, *ParseCalendarDate("2026-03-11"));
  // The only step ran: the instance is complete.
  EXPECT_EQ(outcome.instance->state, InstanceState::kEnded);
  EXPECT_EQ(outcome.instance->reason, "completed");
  EXPECT_FALSE(outcome.next.has_value());
  EXPECT_EQ(Payload(outcome, "instance.ended")["reason"], "completed");
}

}  // namespace
}  // namespace duly
