// DecideTimer: version moves, segment switches, colleague notifications, handover and actions
// that later issues implement.
#include <gtest/gtest.h>

#include "workflows/engine/decide.h"
#include "workflows/engine/testdata/fixture.h"

namespace duly {
namespace {

using namespace testdata;  // NOLINT(google-build-using-namespace): test fixtures

// b2b-standard with `change` applied to its document.
std::string Edited(const std::function<void(nlohmann::json&)>& change) {
  nlohmann::json document = nlohmann::json::parse(kB2bStandard);
  change(document);
  return document.dump();
}

class DecideRouteTest : public ::testing::Test {
 protected:
  EngineOptions options_;
  const Instant reminder2_at_ = Local("2026-03-20", 9);

  TimerOutcome Decide(const Catalog& catalog, const TimerInput& input, Instant now) {
    return DecideTimer(input, Batch(now), catalog, options_);
  }
};

TEST_F(DecideRouteTest, NewVersionIsFollowedFromTheStepWithTheSameId) {
  const std::string v2 = Edited([](nlohmann::json& document) {
    document["steps"][2]["action"]["template"] = "reminder-second-v2";
  });
  const auto catalog = MakeCatalog({Stored(v2, 2)});
  const TimerOutcome outcome = Decide(
      *catalog, Input(TimerKind::kStep, "reminder-2", reminder2_at_, Running("reminder-2", 1)),
      reminder2_at_);
  const nlohmann::json moved = Payload(outcome, "instance.moved");
  EXPECT_EQ(moved["from"], 1);
  EXPECT_EQ(moved["to"], 2);
  EXPECT_EQ(moved["step"], "reminder-2");
  ASSERT_EQ(outcome.runs.size(), 1u);
  EXPECT_EQ(outcome.runs[0], (StepRun{"b2b-standard", 2, "reminder-2", "ran"}));
  EXPECT_EQ(Payload(outcome, "step.ran")["version"], 2);
  EXPECT_EQ(outcome.messages.at(0).template_id, "reminder-second-v2");
  EXPECT_EQ(outcome.instance->version, 2);
  EXPECT_EQ(outcome.instance->next_step, "follow-up-call");
}

TEST_F(DecideRouteTest, StepIdMissingInTheNewVersionContinuesAtTheSameMoment) {
  // Version 2 drops reminder-2 and adds a step before it and one at its moment.
  const std::string v2 = Edited([](nlohmann::json& document) {
    document["steps"].erase(2);
    document["steps"].push_back(
        {{"id", "early-extra"},
         {"at", "due+7d"},
         {"action", {{"type", "message"}, {"channel", "email"}, {"template", "extra"}}}});
    document["steps"].push_back(
        {{"id", "second-notice"},
         {"at", "due+10d"},
         {"action", {{"type", "message"}, {"channel", "email"}, {"template", "second-notice"}}}});
  });
  const auto catalog = MakeCatalog({Stored(v2, 2)});
  const TimerOutcome outcome = Decide(
      *catalog, Input(TimerKind::kStep, "reminder-2", reminder2_at_, Running("reminder-2", 1)),
      reminder2_at_);
  EXPECT_EQ(Payload(outcome, "instance.moved")["to"], 2);
  EXPECT_EQ(RunOutcomes(outcome), std::vector<std::string>{"second-notice=ran"});
  EXPECT_EQ(outcome.messages.at(0).template_id, "second-notice");
  EXPECT_EQ(outcome.instance->next_step, "follow-up-call");
}

TEST_F(DecideRouteTest, SameVersionRecordsNoMove) {
  const auto catalog = MakeCatalog({Stored(kB2bStandard, 1)});
  const TimerOutcome outcome = Decide(
      *catalog, Input(TimerKind::kStep, "reminder-2", reminder2_at_, Running("reminder-2", 1)),
      reminder2_at_);
  EXPECT_EQ(EventTypes(outcome), std::vector<std::string>{"step.ran"});
}

TEST_F(DecideRouteTest, SegmentChangeSwitchesWorkflowAtTheSamePointInTime) {
  const auto catalog = MakeCatalog({Stored(kB2bStandard, 3), Stored(kKeyAccounts, 1)});
  Customer key = C1();
  key.tags = {"key-account"};
  const TimerOutcome outcome = Decide(
      *catalog,
      Input(TimerKind::kStep, "reminder-2", reminder2_at_, Running("reminder-2", 3), Inv1(), key),
      reminder2_at_);
  const nlohmann::json assigned = Payload(outcome, "segment.assigned");
  EXPECT_EQ(assigned["from"], "b2b-standard");
  EXPECT_EQ(assigned["to"], "key-accounts");
  // key-accounts' personal-call (due+2d) lies before reminder-2's moment; the first step at or
  // after it is tell-account-manager (due+14d), not yet due.
  EXPECT_TRUE(outcome.runs.empty());
  ASSERT_TRUE(outcome.instance.has_value());
  EXPECT_EQ(outcome.instance->segment, "key-accounts");
  EXPECT_EQ(outcome.instance->workflow, "key-accounts");
  EXPECT_EQ(outcome.instance->version, 1);
  EXPECT_EQ(*outcome.next,
            (NextTimer{TimerKind::kStep, "tell-account-manager", Local("2026-03-24", 9)}));
}

TEST_F(DecideRouteTest, SegmentChangeToADueStepRunsItNow) {
  // Paused at reminder-2 (due+10d); resumed on 03-25 as a key account: tell-account-manager
  // (due+14d, 03-24) is the first key-accounts step at or after reminder-2's moment and is due.
  const auto catalog = MakeCatalog({Stored(kB2bStandard, 1), Stored(kKeyAccounts, 1)});
  Customer key = C1();
  key.tags = {"key-account"};
  Instance paused = Running("reminder-2");
  paused.state = InstanceState::kPaused;
  paused.reason = "promised";
  const Instant now = Local("2026-03-25", 10);
  const TimerOutcome outcome =
      Decide(*catalog, Input(TimerKind::kRecheck, "", now, paused, Inv1(), key), now);
  EXPECT_EQ(EventTypes(outcome), (std::vector<std::string>{"instance.resumed", "segment.assigned",
                                                           "step.ran", "instance.ended"}));
  EXPECT_EQ(outcome.runs,
            (std::vector<StepRun>{{"key-accounts", 1, "tell-account-manager", "ran"}}));
  ASSERT_EQ(outcome.notifications.size(), 1u);
  EXPECT_EQ(outcome.notifications[0].template_id, "key-account-late");
  EXPECT_TRUE(outcome.call_tasks.empty());  // personal-call lies before the switch point
  // It was key-accounts' last step.
  EXPECT_EQ(outcome.instance->reason, "completed");
}

TEST_F(DecideRouteTest, UnservedSegmentWaitsAndServedAgainContinues) {
  const auto catalog = MakeCatalog({Stored(kB2bStandard, 1)});  // consumers has no workflow
  Customer consumer = C1();
  consumer.kind = CustomerKind::kB2c;
  const TimerOutcome waiting = Decide(
      *catalog,
      Input(TimerKind::kStep, "reminder-2", reminder2_at_, Running("reminder-2"), Inv1(), consumer),
      reminder2_at_);
  EXPECT_EQ(EventTypes(waiting), std::vector<std::string>{"instance.unserved"});
  EXPECT_EQ(Payload(waiting, "instance.unserved")["segment"], "consumers");
  EXPECT_TRUE(waiting.runs.empty());
  EXPECT_EQ(waiting.instance->segment, "consumers");
  EXPECT_EQ(waiting.instance->workflow, "b2b-standard");
  EXPECT_EQ(waiting.instance->next_step, "reminder-2");
  EXPECT_EQ(*waiting.next,
            (NextTimer{TimerKind::kRecheck, "", reminder2_at_ + std::chrono::hours{24}}));

  // Still unserved a day later: no second event.
  const Instant later = reminder2_at_ + std::chrono::hours{24};
  const TimerOutcome still = Decide(
      *catalog, Input(TimerKind::kRecheck, "", later, waiting.instance, Inv1(), consumer), later);
  EXPECT_TRUE(still.events.empty());

  // Back to business: the same workflow continues with its overdue step.
  const Instant monday = Local("2026-03-23", 10);
  const TimerOutcome back =
      Decide(*catalog, Input(TimerKind::kRecheck, "", monday, waiting.instance), monday);
  const nlohmann::json assigned = Payload(back, "segment.assigned");
  EXPECT_EQ(assigned["from"], "consumers");
  EXPECT_EQ(assigned["to"], "b2b-standard");
  EXPECT_EQ(RunOutcomes(back), std::vector<std::string>{"reminder-2=ran"});
  EXPECT_EQ(back.instance->segment, "b2b-standard");
}

TEST_F(DecideRouteTest, FinalNoticeSendsTheLetterAndNotifiesTheAccountManager) {
  const auto catalog = MakeCatalog({Stored(kB2bStandard, 1)});
  const Instant at = Local("2026-04-03", 9);
  const TimerOutcome outcome =
      Decide(*catalog, Input(TimerKind::kStep, "final-notice", at, Running("final-notice")), at);
  EXPECT_EQ(RunOutcomes(outcome),
            (std::vector<std::string>{"final-notice=ran", "tell-account-manager=ran"}));
  EXPECT_EQ(outcome.messages.at(0).channel, "letter");
  ASSERT_EQ(outcome.notifications.size(), 1u);
  EXPECT_EQ(outcome.notifications[0],
            (ColleagueNotificationEffect{"anna", "email", "customer-at-final-notice",
                                         "step:tell-account-manager", "C1", "INV-1", "",
                                         "tell-account-manager", at}));
  EXPECT_EQ(*outcome.next, (NextTimer{TimerKind::kStep, "handover", Local("2026-04-24", 9)}));
}

TEST_F(DecideRouteTest, NoAccountManagerSkipsTheNotification) {
  const auto catalog = MakeCatalog({Stored(kB2bStandard, 1)});
  Customer customer = C1();
  customer.account_manager = "nobody";
  const Instant at = Local("2026-04-03", 9);
  const TimerOutcome outcome = Decide(*catalog,
                                      Input(TimerKind::kStep, "tell-account-manager", at,
                                            Running("tell-account-manager"), Inv1(), customer),
                                      at);
  EXPECT_EQ(RunOutcomes(outcome),
            std::vector<std::string>{"tell-account-manager=skipped:no_colleague"});
  EXPECT_TRUE(outcome.notifications.empty());
}

TEST_F(DecideRouteTest, SelectorNotifiesEveryMatchingActiveColleague) {
  const std::string selector = R"({ "id": "w", "name": "w", "segment": "b2b-standard", "steps": [
    { "id": "tell-billing", "at": "due+1d", "action": { "type": "notify_colleague",
      "to": { "department": "billing" }, "template": "late" } },
    { "id": "tell-carl", "at": "due+2d", "action": { "type": "notify_colleague",
      "to": "carl", "template": "late" } } ] })";
  const auto catalog = MakeCatalog(
      {Stored(selector, 1)}, R"({"segments":[{"id":"b2b-standard","priority":1,"when":{}}]})");
  ASSERT_NE(catalog->Find("w"), nullptr);
  const Instant at = Local("2026-03-11", 9);
  TimerBatch batch = Batch(at);
  batch.colleagues[1].active = false;  // mark
  const TimerOutcome outcome =
      DecideTimer(Input(TimerKind::kStep, "tell-billing", at, Running("tell-billing", 1, "w")),
                  batch, *catalog, options_);
  ASSERT_EQ(outcome.notifications.size(), 1u);
  EXPECT_EQ(outcome.notifications[0].colleague, "anna");
  EXPECT_EQ(Payload(outcome, "step.ran")["colleagues"], nlohmann::json::array({"anna"}));
  EXPECT_EQ(outcome.next->step, "tell-carl");
}

TEST_F(DecideRouteTest, HandoverEndsTheInstance) {
  const auto catalog = MakeCatalog({Stored(kB2bStandard, 1)});
  const Instant at = Local("2026-04-24", 9);
  const TimerOutcome outcome =
      Decide(*catalog, Input(TimerKind::kStep, "handover", at, Running("handover")), at);
  ASSERT_TRUE(outcome.handover.has_value());
  EXPECT_EQ(*outcome.handover, (HandoverEffect{"INV-1", "C1", "default"}));
  EXPECT_EQ(EventTypes(outcome), (std::vector<std::string>{"step.ran", "instance.ended"}));
  EXPECT_EQ(Payload(outcome, "instance.ended")["reason"], "handed_over");
  EXPECT_EQ(Payload(outcome, "step.ran")["agency"], "default");
  EXPECT_EQ(outcome.instance->state, InstanceState::kEnded);
  EXPECT_EQ(outcome.instance->reason, "handed_over");
  EXPECT_FALSE(outcome.next.has_value());
}

TEST_F(DecideRouteTest, ActionsOfLaterIssuesAreSkippedAsNotSupported) {
  const std::string later = R"({ "id": "w", "name": "w", "segment": "b2b-standard", "steps": [
    { "id": "open", "at": "due+1d", "action": { "type": "open_case", "category": "no_payment" } },
    { "id": "hold", "at": "due+2d", "action": { "type": "credit_hold" } } ] })";
  const auto catalog = MakeCatalog(
      {Stored(later, 1)}, R"({"segments":[{"id":"b2b-standard","priority":1,"when":{}}]})");
  const Instant at = Local("2026-03-11", 9);
  const TimerOutcome outcome =
      Decide(*catalog, Input(TimerKind::kStep, "open", at, Running("open", 1, "w")), at);
  EXPECT_EQ(RunOutcomes(outcome), std::vector<std::string>{"open=skipped:not_supported"});
  const nlohmann::json skipped = Payload(outcome, "step.skipped");
  EXPECT_EQ(skipped["reason"], "not_supported");
  EXPECT_EQ(skipped["action"], "open_case");
  EXPECT_EQ(outcome.next->step, "hold");
}

TEST_F(DecideRouteTest, CreditHoldRunsAndIsRecorded) {
  const std::string hold = R"({ "id": "w", "name": "w", "segment": "b2b-standard", "steps": [
    { "id": "hold", "at": "due+2d", "action": { "type": "credit_hold" } } ] })";
  const auto catalog = MakeCatalog(
      {Stored(hold, 1)}, R"({"segments":[{"id":"b2b-standard","priority":1,"when":{}}]})");
  const Instant at = Local("2026-03-12", 9);
  const TimerOutcome outcome =
      Decide(*catalog, Input(TimerKind::kStep, "hold", at, Running("hold", 1, "w")), at);
  EXPECT_EQ(RunOutcomes(outcome), std::vector<std::string>{"hold=ran"});
  const nlohmann::json ran = Payload(outcome, "step.ran");
  EXPECT_EQ(ran["action"], "credit_hold");
  EXPECT_EQ(ran["credit_hold"], true);
}

}  // namespace
}  // namespace duly
