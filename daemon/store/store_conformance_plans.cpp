// The store conformance suite, promises and payment plans (issue 5): the policy limits checked in
// the store's transaction, promises kept and broken, a missed installment breaking its plan, the
// messages and call tasks they queue, and the credit status.
#include <gtest/gtest.h>

#include "daemon/store/soci_plan_store.h"
#include "daemon/store/soci_promise_store.h"
#include "daemon/store/store_conformance.h"
#include "daemon/store/store_conformance_channels.h"

namespace duly::daemon {
namespace {

CalendarDate Day(const char* text) { return ParseCalendarDate(text).value(); }
Instant Noon(const char* day) { return Day(day) + std::chrono::hours(11); }  // 12:00 Amsterdam

// `count` monthly installments of `cents` from 2026-02-01, starting 2026-01-15.
PlanDraft Monthly(const std::string& customer, const std::string& invoice, int count,
                  long long cents) {
  PlanDraft draft{customer, {invoice}, Day("2026-01-15"), {}};
  for (int i = 0; i < count; ++i) {
    draft.installments.push_back({AddMonths(Day("2026-02-01"), i), Money::FromCents(cents)});
  }
  return draft;
}

class PlanStores {
 public:
  PlanStores(SociStore& store, const Clock& clock)
      : promises(store.SharedConnections(), clock, PlanSettings{}),
        plans(store.SharedConnections(), clock, PlanSettings{}) {}
  SociPromiseStore promises;
  SociPlanStore plans;
};

}  // namespace

TEST_P(StoreConformance, PlansAtThePolicyLimits) {
  PlanStores stores(*store_, clock_);
  ASSERT_TRUE(store_->UpsertCustomers(
      {MakeCustomer("C1"), MakeCustomer("C2"), MakeCustomer("C3"), MakeCustomer("C4")}, kActor));
  ASSERT_TRUE(
      store_->UpsertInvoices({MakeInvoice("I1", "C1", 60000), MakeInvoice("I2", "C2", 70000),
                              MakeInvoice("I3", "C3", 59999), MakeInvoice("I4", "C4", 70000)},
                             kActor));

  auto six = stores.plans.CreatePlan(Monthly("C1", "I1", 6, 10000), false, kActor);
  ASSERT_TRUE(six) << six.error().message;
  EXPECT_EQ(six->state, PlanState::kActive);
  EXPECT_EQ(six->installments.size(), 6U);
  EXPECT_EQ(six->total, Money::FromCents(60000));
  EXPECT_EQ(EventTypes(*store_, "C1").back(), "message.queued");
  EXPECT_EQ(SqlText("SELECT template FROM outbox_messages WHERE customer = 'C1'"),
            "payment_plan_schedule");

  const std::int64_t events = EventCount(*store_);
  PlanDraft seven = Monthly("C2", "I2", 7, 10000);
  seven.starts_on = Day("2026-01-31");
  seven.installments.back().due_on = Day("2026-07-31");
  auto rejected = stores.plans.CreatePlan(seven, false, kActor);
  ASSERT_FALSE(rejected);
  EXPECT_EQ(rejected.error().code, ErrorCode::kPolicy);
  ASSERT_EQ(rejected.error().fields.size(), 1U);
  EXPECT_EQ(rejected.error().fields[0],
            (FieldError{"/installments", "7 installments; the maximum is 6"}));

  PlanDraft low = Monthly("C3", "I3", 6, 10000);
  low.installments[5].amount = Money::FromCents(9999);
  auto too_low = stores.plans.CreatePlan(low, false, kActor);
  ASSERT_FALSE(too_low);
  EXPECT_EQ(too_low.error().fields.at(0),
            (FieldError{"/installments/5/amount",
                        "the 6th installment is EUR 99.99; the minimum is EUR 100.00"}));
  EXPECT_EQ(EventCount(*store_), events);  // rejected plans write nothing
  EXPECT_EQ(SqlNumber("SELECT COUNT(*) FROM payment_plans"), 1);
  EXPECT_EQ(SqlNumber("SELECT COUNT(*) FROM installments"), 6);

  auto check = stores.plans.CheckPlan(low);
  ASSERT_TRUE(check);
  EXPECT_TRUE(check->errors.empty());
  EXPECT_EQ(check->exceptions.size(), 1U);

  auto proposed = stores.plans.CreatePlan(Monthly("C4", "I4", 7, 10000), true, kActor);
  ASSERT_TRUE(proposed) << proposed.error().message;
  EXPECT_EQ(proposed->state, PlanState::kProposed);
  EXPECT_EQ(proposed->exceptions.size(), 2U);  // 7 installments, the last too late
  EXPECT_EQ(SqlNumber("SELECT COUNT(*) FROM outbox_messages WHERE customer = 'C4'"), 0);
  auto approved = stores.plans.ApprovePlan(proposed->id, "M1", kActor);
  ASSERT_TRUE(approved) << approved.error().message;
  EXPECT_EQ(approved->state, PlanState::kActive);
  EXPECT_EQ(stores.plans.GetPlan(proposed->id)->approved_by, "M1");
  EXPECT_EQ(stores.plans.GetPlan(proposed->id)->installments.size(), 7U);
  EXPECT_EQ(SqlNumber("SELECT COUNT(*) FROM outbox_messages WHERE customer = 'C4'"), 1);
  EXPECT_EQ(stores.plans.ApprovePlan(proposed->id, "M1", kActor).error().code,
            ErrorCode::kConflict);

  // The plan holds its invoice: a second plan over it is refused by field.
  auto again = stores.plans.CreatePlan(Monthly("C1", "I1", 6, 10000), false, kActor);
  ASSERT_FALSE(again);
  EXPECT_TRUE(HasField(again.error(), "/invoices/0")) << again.error().message;
  // The plan's own message survives the hold at lease.
  auto leased = store_->LeaseDueMessages(clock_.Now() + std::chrono::hours(1), 10, "n",
                                         std::chrono::minutes(1));
  ASSERT_TRUE(leased) << leased.error().message;
  EXPECT_EQ(leased->size(), 2U);
  EXPECT_TRUE(store_->VerifyHistory()->intact);
}

TEST_P(StoreConformance, APromiseKeptAndOneBroken) {
  PlanStores stores(*store_, clock_);
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1"), MakeCustomer("C2")}, kActor));
  ASSERT_TRUE(
      store_->UpsertInvoices({MakeInvoice("I1", "C1", 10000), MakeInvoice("I2", "C2", 10000),
                              MakeInvoice("I3", "C2", 5000)},
                             kActor));
  NewPromise first{"C1",
                   {"I1"},
                   Money::FromCents(5000),
                   Day("2026-02-10"),
                   PromiseSource::kCall,
                   "after the holidays"};
  auto kept = stores.promises.RecordPromise(first, kActor);
  ASSERT_TRUE(kept) << kept.error().message;
  EXPECT_EQ(kept->open_at, Money::FromCents(10000));
  NewPromise second{
      "C2", {"I2", "I3"}, Money::FromCents(12000), Day("2026-02-10"), PromiseSource::kApi, ""};
  auto broken = stores.promises.RecordPromise(second, kActor);
  ASSERT_TRUE(broken) << broken.error().message;
  EXPECT_EQ(broken->invoices, (std::vector<std::string>{"I2", "I3"}));
  EXPECT_EQ(EventTypes(*store_, "C2").back(), "promise.recorded");

  // Every invoice a promise names is held: the reminders queued for them are canceled at lease.
  ASSERT_TRUE(store_->FireDueTimers(clock_.Now(), 10, {}, false, Queuing("email", {})));
  auto leased = store_->LeaseDueMessages(At("2026-02-03T08:00"), 10, "n", std::chrono::minutes(1));
  ASSERT_TRUE(leased) << leased.error().message;
  EXPECT_TRUE(leased->empty());
  const std::string canceled = LastPayload(*store_, "C2", "message.canceled");
  EXPECT_NE(canceled.find("\"I3\":\"promised\""), std::string::npos) << canceled;
  EXPECT_NE(canceled.find("\"I2\":\"promised\""), std::string::npos) << canceled;

  ASSERT_TRUE(store_->PostPayments({MakePayment("P1", "C1", 5000)}, kActor));
  auto round = stores.promises.EvaluatePromises(Noon("2026-02-11"));
  ASSERT_TRUE(round) << round.error().message;
  EXPECT_EQ(round->kept, 1);
  EXPECT_EQ(round->broken, 0);
  EXPECT_EQ(stores.promises.GetPromise(kept->id)->state, PromiseState::kKept);

  round = stores.promises.EvaluatePromises(Noon("2026-02-13"));  // the last day of grace
  EXPECT_EQ(round->broken, 0);
  round = stores.promises.EvaluatePromises(Noon("2026-02-14"));
  EXPECT_EQ(round->broken, 1);
  EXPECT_EQ(stores.promises.GetPromise(broken->id)->state, PromiseState::kBroken);
  EXPECT_NE(LastPayload(*store_, "C2", "promise.broken").find("\"promise\":2"), std::string::npos);
  EXPECT_EQ(SqlNumber("SELECT COUNT(*) FROM tasks WHERE kind = 'call' AND customer = 'C2'"), 1);
  const std::int64_t events = EventCount(*store_);
  round = stores.promises.EvaluatePromises(Noon("2026-02-14"));  // twice: nothing twice
  EXPECT_EQ(round->broken, 0);
  EXPECT_EQ(EventCount(*store_), events);

  auto listed = stores.promises.ListPromises({"C2", PromiseState::kBroken, 10});
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1U);
  EXPECT_EQ((*listed)[0].source, PromiseSource::kApi);
  EXPECT_EQ(stores.promises.ListPromises({"", std::nullopt, 10})->size(), 2U);
}

TEST_P(StoreConformance, PromisesNameTheirBadFields) {
  PlanStores stores(*store_, clock_);
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1"), MakeCustomer("C2")}, kActor));
  ASSERT_TRUE(store_->UpsertInvoices(
      {MakeInvoice("I1", "C1", 10000), MakeInvoice("I2", "C2", 10000)}, kActor));
  NewPromise promise{"C1", {"I1"}, Money::FromCents(10001), Day("2026-02-10"), PromiseSource::kUi,
                     ""};
  auto too_much = stores.promises.RecordPromise(promise, kActor);
  ASSERT_FALSE(too_much);
  EXPECT_EQ(
      too_much.error().fields.at(0),
      (FieldError{"/amount", "EUR 100.01 is more than the invoices' open amount EUR 100.00"}));
  promise.amount = Money::FromCents(100);
  promise.invoices = {"I1", "I2"};
  EXPECT_TRUE(HasField(stores.promises.RecordPromise(promise, kActor).error(), "/invoices/1"));
  promise.customer = "C9";
  EXPECT_EQ(stores.promises.RecordPromise(promise, kActor).error().code, ErrorCode::kNotFound);
  promise.customer = "C1";
  promise.invoices = {"I1"};
  auto recorded = stores.promises.RecordPromise(promise, kActor);
  ASSERT_TRUE(recorded);
  ASSERT_TRUE(stores.promises.CancelPromise(recorded->id, kActor));
  EXPECT_EQ(stores.promises.CancelPromise(recorded->id, kActor).error().code, ErrorCode::kConflict);
  EXPECT_EQ(stores.promises.GetPromise(99).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(HasField(stores.promises.ListPromises({"", std::nullopt, 0}).error(), "/limit"));
}

TEST_P(StoreConformance, AMissedInstallmentBreaksThePlan) {
  PlanStores stores(*store_, clock_);
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1")}, kActor));
  ASSERT_TRUE(store_->UpsertInvoices({MakeInvoice("I1", "C1", 20000)}, kActor));
  PlanDraft draft{
      "C1",
      {"I1"},
      Day("2026-01-01"),
      {{Day("2026-01-20"), Money::FromCents(10000)}, {Day("2026-02-20"), Money::FromCents(10000)}}};
  auto plan = stores.plans.CreatePlan(draft, false, kActor);
  ASSERT_TRUE(plan) << plan.error().message;

  EXPECT_EQ(stores.plans.EvaluatePlans(Noon("2026-01-16"))->reminded, 0);
  EXPECT_EQ(stores.plans.EvaluatePlans(Noon("2026-01-17"))->reminded, 1);
  const std::int64_t events = EventCount(*store_);
  EXPECT_EQ(stores.plans.EvaluatePlans(Noon("2026-01-17"))->reminded, 0);  // once
  EXPECT_EQ(EventCount(*store_), events);
  EXPECT_EQ(SqlNumber("SELECT COUNT(*) FROM outbox_messages WHERE template ="
                      " 'payment_plan_schedule'"),
            1);  // the reminder joined the day's row of the schedule

  Payment payment = MakePayment("P1", "C1", 10000);
  ASSERT_TRUE(store_->PostPayments({payment}, kActor));
  auto round = stores.plans.EvaluatePlans(Noon("2026-01-18"));
  EXPECT_EQ(round->paid, 1);
  EXPECT_EQ(stores.plans.GetPlan(plan->id)->installments[0].state, InstallmentState::kPaid);

  round = stores.plans.EvaluatePlans(Noon("2026-02-21"));
  EXPECT_EQ(round->missed, 1);
  EXPECT_EQ(round->broken, 0);
  EXPECT_EQ(EventTypes(*store_, "C1").back(), "message.queued");
  EXPECT_EQ(stores.plans.EvaluatePlans(Noon("2026-02-27"))->broken, 0);
  EXPECT_EQ(stores.plans.EvaluatePlans(Noon("2026-02-28"))->broken, 1);
  EXPECT_EQ(stores.plans.GetPlan(plan->id)->state, PlanState::kBroken);
  EXPECT_NE(LastPayload(*store_, "C1", "plan.broken").find("\"installment\":2"), std::string::npos);

  auto status = stores.plans.CreditStatusOf("C1", Noon("2026-02-28"));
  ASSERT_TRUE(status) << status.error().message;
  EXPECT_TRUE(status->hold);
  ASSERT_EQ(status->reasons.size(), 2U);
  EXPECT_EQ(status->reasons[0].code, "overdue");
  EXPECT_EQ(status->reasons[1].code, "broken_plan");
  EXPECT_EQ(stores.plans.CreditStatusOf("C9", Noon("2026-02-28")).error().code,
            ErrorCode::kNotFound);
}

TEST_P(StoreConformance, PaymentsCompleteAPlan) {
  PlanStores stores(*store_, clock_);
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1")}, kActor));
  ASSERT_TRUE(store_->UpsertInvoices({MakeInvoice("I1", "C1", 20000)}, kActor));
  auto status = stores.plans.CreditStatusOf("C1", Noon("2026-01-10"));
  ASSERT_TRUE(status);
  EXPECT_FALSE(status->hold);
  auto plan = stores.plans.CreatePlan(Monthly("C1", "I1", 2, 10000), false, kActor);
  ASSERT_TRUE(plan);
  ASSERT_TRUE(store_->PostPayments({MakePayment("P1", "C1", 20000)}, kActor));
  auto round = stores.plans.EvaluatePlans(Noon("2026-01-20"));
  EXPECT_EQ(round->paid, 2);
  EXPECT_EQ(round->completed, 1);
  EXPECT_EQ(stores.plans.GetPlan(plan->id)->state, PlanState::kCompleted);
  EXPECT_EQ(stores.plans.CancelPlan(plan->id, kActor).error().code, ErrorCode::kConflict);
  EXPECT_EQ(stores.plans.ListPlans("C1", 10)->size(), 1U);
  EXPECT_TRUE(HasField(stores.plans.ListPlans("C1", 0).error(), "/limit"));
}

TEST_P(StoreConformance, ACreditHoldStepHoldsWhileItsInvoiceIsOpen) {
  PlanStores stores(*store_, clock_);
  ASSERT_TRUE(store_->UpsertCustomers({MakeCustomer("C1")}, kActor));
  ASSERT_TRUE(store_->UpsertInvoices({MakeInvoice("I1", "C1", 10000)}, kActor));
  // The engine's record of a credit_hold step (workflows/engine/step_action.cpp).
  ASSERT_TRUE(store_->FireDueTimers(
      clock_.Now(), 10, {}, false, [](const TimerInput& input, const TimerBatch&) {
        TimerOutcome outcome = Bare(input);
        outcome.events = {{"step.ran",
                           "{\"action\":\"credit_hold\",\"credit_hold\":true,"
                           "\"invoice\":\"I1\",\"step\":\"hold\","
                           "\"workflow\":\"w\"}"}};
        return outcome;
      }));
  auto status = stores.plans.CreditStatusOf("C1", Noon("2026-01-10"));
  ASSERT_TRUE(status) << status.error().message;
  EXPECT_TRUE(status->hold);
  ASSERT_EQ(status->reasons.size(), 1U);
  EXPECT_EQ(
      status->reasons[0],
      (CreditReason{"credit_hold", "put on credit hold by workflow w / step hold (invoice I1)"}));
  ASSERT_TRUE(store_->PostPayments({MakePayment("P1", "C1", 10000)}, kActor));
  EXPECT_FALSE(stores.plans.CreditStatusOf("C1", Noon("2026-01-10"))->hold);
}

}  // namespace duly::daemon
