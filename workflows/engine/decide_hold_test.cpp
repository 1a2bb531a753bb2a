// DecideTimer: settled invoices end their instance; holds pause and resume it.
#include <gtest/gtest.h>

#include "workflows/engine/decide.h"
#include "workflows/engine/testdata/fixture.h"

namespace duly {
namespace {

using namespace testdata;  // NOLINT(google-build-using-namespace): test fixtures

class DecideHoldTest : public ::testing::Test {
 protected:
  std::shared_ptr<const Catalog> catalog_ = MakeCatalog({Stored(kB2bStandard, 1)});
  EngineOptions options_;
  const Instant at_ = Local("2026-03-13", 9);  // reminder-1's moment, a Friday

  TimerOutcome Decide(const TimerInput& input, Instant now) {
    return DecideTimer(input, Batch(now), *catalog_, options_);
  }
  TimerInput Reminder1(Invoice invoice = Inv1()) {
    return Input(TimerKind::kStep, "reminder-1", at_, Running("reminder-1"), std::move(invoice));
  }
};

TEST_F(DecideHoldTest, PaymentEndsTheInstanceAndSkipsTheNextReminder) {
  Invoice paid = Inv1();
  paid.status = InvoiceStatus::kPaid;
  paid.open_amount = Money();
  const TimerOutcome outcome = Decide(Reminder1(paid), at_);
  EXPECT_TRUE(outcome.messages.empty());
  EXPECT_FALSE(outcome.next.has_value());
  ASSERT_TRUE(outcome.instance.has_value());
  EXPECT_EQ(outcome.instance->state, InstanceState::kEnded);
  EXPECT_EQ(outcome.instance->reason, "paid");
  EXPECT_EQ(outcome.instance->next_step, "");
  EXPECT_EQ(EventTypes(outcome), (std::vector<std::string>{"step.skipped", "instance.ended"}));
  const nlohmann::json skipped = Payload(outcome, "step.skipped");
  EXPECT_EQ(skipped["invoice"], "INV-1");
  EXPECT_EQ(skipped["step"], "reminder-1");
  EXPECT_EQ(skipped["reason"], "paid");
  EXPECT_EQ(Payload(outcome, "instance.ended")["reason"], "paid");
  EXPECT_EQ(RunOutcomes(outcome), std::vector<std::string>{"reminder-1=skipped:paid"});
}

TEST_F(DecideHoldTest, OpenAmountZeroCountsAsPaid) {
  Invoice settled = Inv1();
  settled.open_amount = Money();  // status still "open"
  const TimerOutcome outcome = Decide(Reminder1(settled), at_);
  EXPECT_EQ(outcome.instance->reason, "paid");
  EXPECT_FALSE(outcome.next.has_value());
}

TEST_F(DecideHoldTest, CreditedAndWrittenOffEndWithTheirReason) {
  for (auto [status, reason] : {std::pair{InvoiceStatus::kCredited, "credited"},
                                std::pair{InvoiceStatus::kWrittenOff, "written_off"}}) {
    Invoice invoice = Inv1();
    invoice.status = status;
    const TimerOutcome outcome = Decide(Reminder1(invoice), at_);
    EXPECT_EQ(outcome.instance->reason, reason);
    EXPECT_EQ(Payload(outcome, "step.skipped")["reason"], reason);
    EXPECT_TRUE(outcome.messages.empty());
  }
}

TEST_F(DecideHoldTest, DeletedInvoiceEnds) {
  TimerInput input = Reminder1();
  input.invoice.reset();
  input.customer.reset();
  const TimerOutcome outcome = Decide(input, at_);
  EXPECT_EQ(outcome.instance->reason, "deleted");
  EXPECT_EQ(outcome.instance->state, InstanceState::kEnded);
  EXPECT_FALSE(outcome.next.has_value());
  EXPECT_EQ(Payload(outcome, "step.skipped")["step"], "reminder-1");
}

TEST_F(DecideHoldTest, DisputePausesOnceAndRechecksDaily) {
  TimerInput input = Reminder1();
  input.hold.disputed = true;
  input.hold.in_plan = true;
  input.hold.promised_until = *ParseCalendarDate("2026-03-20");
  const TimerOutcome outcome = Decide(input, at_);
  EXPECT_TRUE(outcome.messages.empty());
  EXPECT_TRUE(outcome.runs.empty());
  EXPECT_EQ(EventTypes(outcome), std::vector<std::string>{"instance.paused"});
  EXPECT_EQ(Payload(outcome, "instance.paused")["reason"], "disputed");
  ASSERT_TRUE(outcome.instance.has_value());
  EXPECT_EQ(outcome.instance->state, InstanceState::kPaused);
  EXPECT_EQ(outcome.instance->reason, "disputed");
  EXPECT_EQ(outcome.instance->next_step, "reminder-1");
  EXPECT_EQ(*outcome.next, (NextTimer{TimerKind::kRecheck, "", at_ + std::chrono::hours{24}}));

  // Still disputed at the recheck: no second event.
  const Instant later = at_ + std::chrono::hours{24};
  TimerInput again = Input(TimerKind::kRecheck, "", later, outcome.instance);
  again.hold.disputed = true;
  const TimerOutcome second = Decide(again, later);
  EXPECT_TRUE(second.events.empty());
  EXPECT_EQ(second.next->due_at, later + std::chrono::hours{24});
  EXPECT_EQ(second.instance->next_step, "reminder-1");
}

TEST_F(DecideHoldTest, PlanOutranksPromise) {
  TimerInput input = Reminder1();
  input.hold.in_plan = true;
  input.hold.promised_until = *ParseCalendarDate("2026-03-20");
  const TimerOutcome outcome = Decide(input, at_);
  EXPECT_EQ(outcome.instance->reason, "in_plan");
  EXPECT_EQ(outcome.next->due_at, at_ + std::chrono::hours{24});
}

TEST_F(DecideHoldTest, PromiseRechecksAfterThePromisedDatePlusGrace) {
  TimerInput input = Reminder1();
  input.hold.promised_until = *ParseCalendarDate("2026-03-25");
  const TimerOutcome outcome = Decide(input, at_);
  EXPECT_EQ(Payload(outcome, "instance.paused")["reason"], "promised");
  EXPECT_EQ(*outcome.next, (NextTimer{TimerKind::kRecheck, "", Local("2026-03-28", 9)}));

  // A promise that changes into a dispute records the new reason.
  TimerInput disputed = Input(TimerKind::kRecheck, "", Local("2026-03-28", 9), outcome.instance);
  disputed.hold.disputed = true;
  const TimerOutcome next = Decide(disputed, Local("2026-03-28", 9));
  EXPECT_EQ(Payload(next, "instance.paused")["reason"], "disputed");
}

TEST_F(DecideHoldTest, ResumeRunsOnlyTheLatestOverdueStep) {
  Instance paused = Running("reminder-1");
  paused.state = InstanceState::kPaused;
  paused.reason = "disputed";
  const Instant now = Local("2026-03-23", 10);  // Monday; reminder-2 (03-20) is the latest due
  const TimerOutcome outcome = Decide(Input(TimerKind::kRecheck, "", now, paused), now);
  EXPECT_EQ(EventTypes(outcome),
            (std::vector<std::string>{"instance.resumed", "step.skipped", "step.ran"}));
  EXPECT_EQ(Payload(outcome, "instance.resumed")["reason"], "disputed");
  EXPECT_EQ(RunOutcomes(outcome),
            (std::vector<std::string>{"reminder-1=skipped:overtaken", "reminder-2=ran"}));
  ASSERT_EQ(outcome.messages.size(), 1u);
  EXPECT_EQ(outcome.messages[0].channel, "whatsapp");
  EXPECT_EQ(outcome.instance->state, InstanceState::kActive);
  EXPECT_EQ(outcome.instance->reason, "");
  EXPECT_EQ(*outcome.next, (NextTimer{TimerKind::kStep, "follow-up-call", Local("2026-03-27", 9)}));
}

TEST_F(DecideHoldTest, ResumeBeforeTheStepIsDueJustSetsItsTimer) {
  Instance paused = Running("reminder-1");
  paused.state = InstanceState::kPaused;
  paused.reason = "promised";
  const Instant now = Local("2026-03-11", 9);
  const TimerOutcome outcome = Decide(Input(TimerKind::kRecheck, "", now, paused), now);
  EXPECT_EQ(EventTypes(outcome), std::vector<std::string>{"instance.resumed"});
  EXPECT_TRUE(outcome.runs.empty());
  EXPECT_EQ(*outcome.next, (NextTimer{TimerKind::kStep, "reminder-1", at_}));
}

TEST_F(DecideHoldTest, StrayTimerOfAnEndedInstanceIsDropped) {
  Instance ended = Running("");
  ended.state = InstanceState::kEnded;
  ended.reason = "completed";
  const TimerOutcome outcome = Decide(Input(TimerKind::kRecheck, "", at_, ended), at_);
  EXPECT_FALSE(outcome.instance.has_value());
  EXPECT_FALSE(outcome.next.has_value());
  EXPECT_TRUE(outcome.events.empty());
}

}  // namespace
}  // namespace duly
