#include "workflows/plans/promise.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "workflows/plans/credit_status.h"

namespace duly {
namespace {

using ::testing::ElementsAre;

CalendarDate Day(const char* text) { return ParseCalendarDate(text).value(); }

Promise FiftyByTheTenth() {
  Promise promise;
  promise.amount = Money::FromCents(5000);
  promise.open_at = Money::FromCents(12000);
  promise.promised_on = Day("2026-02-10");
  return promise;
}

TEST(EvaluatePromise, KeptWhenPaymentsCoverTheAmount) {
  const Promise promise = FiftyByTheTenth();
  EXPECT_EQ(EvaluatePromise(promise, Money::FromCents(7000), Day("2026-02-01"), 3),
            PromiseState::kKept);
  EXPECT_EQ(EvaluatePromise(promise, Money::FromCents(7001), Day("2026-02-13"), 3),
            PromiseState::kOpen);
  EXPECT_EQ(EvaluatePromise(promise, Money(), Day("2026-03-01"), 3), PromiseState::kKept);
}

TEST(EvaluatePromise, BrokenAfterTheDatePlusGrace) {
  const Promise promise = FiftyByTheTenth();
  EXPECT_EQ(EvaluatePromise(promise, Money::FromCents(9000), Day("2026-02-13"), 3),
            PromiseState::kOpen);
  EXPECT_EQ(EvaluatePromise(promise, Money::FromCents(9000), Day("2026-02-14"), 3),
            PromiseState::kBroken);
}

TEST(CheckNewPromise, NamesTheFields) {
  NewPromise promise{"", {"I1", "I1"}, Money(), Day("2026-02-10"), PromiseSource::kApi, ""};
  const std::vector<FieldError> errors = CheckNewPromise(promise);
  EXPECT_THAT(errors, ElementsAre(FieldError{"/customer", "must name the customer"},
                                  FieldError{"/invoices/1", "invoice I1 is named twice"},
                                  FieldError{"/amount", "must be more than 0"}));
  EXPECT_EQ(ParsePromiseSource("call").value(), PromiseSource::kCall);
  EXPECT_EQ(ParsePromiseSource("fax").error().fields.at(0).field, "/source");
}

TEST(CreditStatus, OkOrHoldWithEveryReason) {
  CreditFacts facts;
  facts.open_amount = Money::FromCents(50000);
  facts.overdue_amount = Money::FromCents(20000);
  EXPECT_FALSE(DecideCreditStatus(facts, Money::FromCents(20000)).hold);
  facts.credit_limit = Money::FromCents(40000);
  facts.broken_plans = {4};
  facts.handed_over = {"I9"};
  facts.credit_hold = true;
  facts.credit_hold_reason = "workflow standard / step hold";
  const CreditStatus status = DecideCreditStatus(facts, Money::FromCents(10000));
  EXPECT_TRUE(status.hold);
  EXPECT_THAT(
      status.reasons,
      ElementsAre(
          CreditReason{"overdue", "EUR 200.00 is overdue; the threshold is EUR 100.00"},
          CreditReason{"credit_limit", "EUR 500.00 is open; the credit limit is EUR 400.00"},
          CreditReason{"broken_plan", "payment plan 4 broke and its invoices are still open"},
          CreditReason{"handed_over", "handed over to a collection agency: invoice I9"},
          CreditReason{"credit_hold", "put on credit hold by workflow standard / step hold"}));
}

}  // namespace
}  // namespace duly
