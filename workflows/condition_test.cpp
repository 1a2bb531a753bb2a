#include "workflows/condition.h"

#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace duly {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

Condition Parse(const std::string& text) {
  auto condition = Condition::FromJson(json::parse(text), "/when");
  EXPECT_TRUE(condition.has_value()) << text << ": " << condition.error().message;
  return condition.has_value() ? *condition : Condition::Not(Condition());
}

// The one FieldError of a condition that must be refused.
FieldError Refusal(const std::string& text) {
  auto condition = Condition::FromJson(json::parse(text), "/when");
  if (condition.has_value()) {
    ADD_FAILURE() << text << " was accepted";
    return {};
  }
  EXPECT_EQ(condition.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(condition.error().fields.size(), 1u) << text;
  return condition.error().fields.empty() ? FieldError{} : condition.error().fields.front();
}

Facts Amount(const char* text) {
  Facts facts;
  facts.SetMoney("invoice.amount", *Money::Parse(text));
  return facts;
}

TEST(ConditionTest, CourtesyCallConditionComparesAmountsExactly) {
  const Condition courtesy = Parse(R"({ "invoice.amount": { "gte": 5000 } })");
  EXPECT_TRUE(courtesy.Evaluate(Amount("5000.00")));
  EXPECT_FALSE(courtesy.Evaluate(Amount("4999.99")));
  EXPECT_TRUE(courtesy.Evaluate(Amount("5000.01")));
  EXPECT_TRUE(Parse(R"({ "invoice.amount": { "gt": 4999.99 } })").Evaluate(Amount("5000.00")));
  EXPECT_FALSE(Parse(R"({ "invoice.amount": { "gt": 4999.99 } })").Evaluate(Amount("4999.99")));
  EXPECT_TRUE(Parse(R"({ "invoice.amount": { "eq": "0.10" } })").Evaluate(Amount("0.1")));
  EXPECT_TRUE(Parse(R"({ "invoice.amount": { "eq": 0.1 } })").Evaluate(Amount("0.10")));
  EXPECT_TRUE(Parse(R"({ "invoice.amount": { "eq": 5000.0 } })").Evaluate(Amount("5000")));
}

TEST(ConditionTest, EveryOperator) {
  Facts facts;
  facts.SetInteger("invoice.days_overdue", 10);
  facts.SetText("customer.kind", "b2b");
  facts.SetTextList("customer.tags", {"key-account", "export"});
  facts.SetNumber("customer.promise_kept_ratio", 0.75);
  const auto holds = [&](const char* text) { return Parse(text).Evaluate(facts); };

  EXPECT_TRUE(holds(R"({ "invoice.days_overdue": { "eq": 10 } })"));
  EXPECT_FALSE(holds(R"({ "invoice.days_overdue": { "eq": 11 } })"));
  EXPECT_TRUE(holds(R"({ "invoice.days_overdue": { "ne": 11 } })"));
  EXPECT_FALSE(holds(R"({ "invoice.days_overdue": { "ne": 10 } })"));
  EXPECT_TRUE(holds(R"({ "invoice.days_overdue": { "gt": 9 } })"));
  EXPECT_FALSE(holds(R"({ "invoice.days_overdue": { "gt": 10 } })"));
  EXPECT_TRUE(holds(R"({ "invoice.days_overdue": { "gte": 10 } })"));
  EXPECT_FALSE(holds(R"({ "invoice.days_overdue": { "gte": 11 } })"));
  EXPECT_TRUE(holds(R"({ "invoice.days_overdue": { "lt": 11 } })"));
  EXPECT_FALSE(holds(R"({ "invoice.days_overdue": { "lt": 10 } })"));
  EXPECT_TRUE(holds(R"({ "invoice.days_overdue": { "lte": 10 } })"));
  EXPECT_FALSE(holds(R"({ "invoice.days_overdue": { "lte": 9 } })"));
  EXPECT_TRUE(holds(R"({ "invoice.days_overdue": { "in": [1, 10, 30] } })"));
  EXPECT_FALSE(holds(R"({ "invoice.days_overdue": { "in": [1, 30] } })"));
  EXPECT_TRUE(holds(R"({ "customer.kind": { "eq": "b2b" } })"));
  EXPECT_TRUE(holds(R"({ "customer.kind": { "ne": "b2c" } })"));
  EXPECT_TRUE(holds(R"({ "customer.kind": { "in": ["b2c", "b2b"] } })"));
  EXPECT_TRUE(holds(R"({ "customer.tags": { "contains": "key-account" } })"));
  EXPECT_FALSE(holds(R"({ "customer.tags": { "contains": "key" } })"));
  EXPECT_TRUE(holds(R"({ "customer.promise_kept_ratio": { "gte": 0.75, "lt": 1 } })"));
  EXPECT_FALSE(holds(R"({ "customer.promise_kept_ratio": { "gt": 0.75 } })"));
}

TEST(ConditionTest, EmptyConditionAlwaysHolds) {
  const Condition always = Parse("{}");
  EXPECT_TRUE(always.IsAlways());
  EXPECT_TRUE(always.Evaluate(Facts()));
  EXPECT_TRUE(Condition().Evaluate(Facts()));
  EXPECT_FALSE(Parse(R"({ "invoice.amount": { "gte": 1 } })").IsAlways());
}

TEST(ConditionTest, MissingFactMakesEveryComparisonFalse) {
  const Facts none;
  for (const char* text :
       {R"({ "invoice.amount": { "gte": 0 } })", R"({ "invoice.amount": { "lt": 0 } })",
        R"({ "customer.kind": { "eq": "b2b" } })", R"({ "customer.kind": { "ne": "b2b" } })",
        R"({ "customer.kind": { "in": ["b2b"] } })",
        R"({ "customer.tags": { "contains": "x" } })"}) {
    EXPECT_FALSE(Parse(text).Evaluate(none)) << text;
  }
  EXPECT_TRUE(Parse(R"({ "not": { "customer.kind": { "eq": "b2b" } } })").Evaluate(none));
}

TEST(ConditionTest, AllAnyNotAndSeveralKeysCompose) {
  Facts facts;
  facts.SetText("customer.kind", "b2c");
  facts.SetInteger("customer.open_disputes", 0);
  const auto holds = [&](const char* text) { return Parse(text).Evaluate(facts); };
  const char* b2c = R"({ "customer.kind": { "eq": "b2c" } })";
  const char* disputes = R"({ "customer.open_disputes": { "gt": 0 } })";

  EXPECT_FALSE(holds((std::string(R"({ "all": [)") + b2c + "," + disputes + "] }").c_str()));
  EXPECT_TRUE(holds((std::string(R"({ "all": [)") + b2c + "] }").c_str()));
  EXPECT_TRUE(holds((std::string(R"({ "any": [)") + b2c + "," + disputes + "] }").c_str()));
  EXPECT_FALSE(holds((std::string(R"({ "any": [)") + disputes + "] }").c_str()));
  EXPECT_TRUE(holds((std::string(R"({ "not": )") + disputes + " }").c_str()));
  EXPECT_FALSE(holds((std::string(R"({ "not": )") + b2c + " }").c_str()));
  EXPECT_TRUE(
      holds(R"({ "customer.kind": { "eq": "b2c" }, "customer.open_disputes": { "eq": 0 } })"));
  EXPECT_FALSE(
      holds(R"({ "customer.kind": { "eq": "b2c" }, "customer.open_disputes": { "ne": 0 } })"));
  EXPECT_TRUE(holds(R"({ "any": [ { "not": { "all": [ {"customer.kind": {"eq": "b2c"}},
                                                      {"customer.open_disputes": {"eq": 0}} ] } },
                                 { "customer.open_disputes": { "lte": 0 } } ] })"));
  EXPECT_FALSE(holds(R"({ "all": [ {}, { "not": {} } ] })"));
}

TEST(ConditionTest, ListsTheFactsItReads) {
  const Condition condition = Parse(
      R"({ "any": [ { "invoice.amount": { "gte": 1 } }, { "customer.kind": { "eq": "b2b" } },
                    { "not": { "invoice.amount": { "lt": 9 } } } ] })");
  EXPECT_THAT(condition.FactNames(), ElementsAre("invoice.amount", "customer.kind"));
}

TEST(ConditionTest, BuildsWithoutJson) {
  Facts facts;
  facts.SetMoney("customer.open_amount", Money::FromCents(12000));
  const Condition condition = Condition::Any(
      {Condition::Compare("customer.open_amount", ComparisonOperator::kGt,
                          {FactValue(Money::FromCents(12000))}),
       Condition::Not(Condition::Compare("customer.open_amount", ComparisonOperator::kLt,
                                         {FactValue(Money::FromCents(100))}))});
  EXPECT_TRUE(condition.Evaluate(facts));
  EXPECT_STREQ(ComparisonOperatorName(ComparisonOperator::kContains), "contains");
}

TEST(ConditionTest, RefusesUnknownFactsByPointer) {
  const FieldError error = Refusal(R"({ "invoice.amout": { "gte": 5000 } })");
  EXPECT_EQ(error.field, "/when/invoice.amout");
  EXPECT_THAT(error.message, HasSubstr("unknown fact \"invoice.amout\""));
  EXPECT_EQ(Refusal(R"({ "all": [ {}, { "any": [ { "x.y": { "eq": 1 } } ] } ] })").field,
            "/when/all/1/any/0/x.y");
}

TEST(ConditionTest, RefusesValuesOfTheWrongType) {
  FieldError error = Refusal(R"({ "invoice.amount": { "gte": "a lot" } })");
  EXPECT_EQ(error.field, "/when/invoice.amount/gte");
  EXPECT_THAT(error.message, HasSubstr("amount"));
  EXPECT_EQ(Refusal(R"({ "invoice.amount": { "gte": 5000.001 } })").field,
            "/when/invoice.amount/gte");
  EXPECT_EQ(Refusal(R"({ "invoice.amount": { "eq": true } })").field, "/when/invoice.amount/eq");
  error = Refusal(R"({ "invoice.days_overdue": { "gt": 1.5 } })");
  EXPECT_THAT(error.message, HasSubstr("whole number"));
  EXPECT_EQ(Refusal(R"({ "customer.avg_days_late": { "gt": "15" } })").field,
            "/when/customer.avg_days_late/gt");
  error = Refusal(R"({ "customer.kind": { "eq": "b2x" } })");
  EXPECT_EQ(error.field, "/when/customer.kind/eq");
  EXPECT_THAT(error.message, HasSubstr("b2b, b2c"));
  EXPECT_EQ(Refusal(R"({ "customer.kind": { "in": ["b2b", 3] } })").field,
            "/when/customer.kind/in/1");
  EXPECT_EQ(Refusal(R"({ "customer.tags": { "contains": 3 } })").field,
            "/when/customer.tags/contains");
}

TEST(ConditionTest, RefusesOperatorsTheFactDoesNotSupport) {
  EXPECT_THAT(Refusal(R"({ "customer.kind": { "gt": "b2b" } })").message,
              HasSubstr("amounts and numbers only"));
  EXPECT_THAT(Refusal(R"({ "customer.tags": { "eq": "vip" } })").message,
              HasSubstr("use contains"));
  EXPECT_THAT(Refusal(R"({ "customer.kind": { "contains": "b" } })").message,
              HasSubstr("lists of words only"));
  EXPECT_EQ(Refusal(R"({ "invoice.amount": { "approx": 1 } })").field,
            "/when/invoice.amount/approx");
  EXPECT_EQ(Refusal(R"({ "invoice.amount": {} })").field, "/when/invoice.amount");
  EXPECT_EQ(Refusal(R"({ "any": [] })").field, "/when/any");
  EXPECT_EQ(Refusal(R"({ "not": 3 })").field, "/when/not");
  EXPECT_EQ(Refusal("[]").field, "/when");
}

TEST(ConditionTest, ReportsEveryProblem) {
  auto condition = Condition::FromJson(
      json::parse(R"({ "a.b": { "eq": 1 }, "invoice.amount": { "gte": "x" } })"), "");
  ASSERT_FALSE(condition.has_value());
  EXPECT_EQ(condition.error().fields.size(), 2u);
}

}  // namespace
}  // namespace duly
