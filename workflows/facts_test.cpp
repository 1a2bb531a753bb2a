#include "workflows/facts.h"

#include <set>
#include <string>

#include <gtest/gtest.h>

namespace duly {
namespace {

TEST(FactsTest, EveryFactTheIssueNamesIsDefinedWithItsType) {
  EXPECT_EQ(FindFact("invoice.amount")->type, FactType::kMoney);
  EXPECT_EQ(FindFact("invoice.days_overdue")->type, FactType::kInteger);
  EXPECT_EQ(FindFact("customer.kind")->type, FactType::kText);
  EXPECT_EQ(FindFact("customer.tags")->type, FactType::kTextList);
  EXPECT_EQ(FindFact("customer.open_amount")->type, FactType::kMoney);
  EXPECT_EQ(FindFact("customer.revenue_rank_12m")->type, FactType::kInteger);
  EXPECT_EQ(FindFact("customer.avg_days_late")->type, FactType::kNumber);
  EXPECT_EQ(FindFact("customer.promise_kept_ratio")->type, FactType::kNumber);
  EXPECT_EQ(FindFact("customer.open_disputes")->type, FactType::kInteger);
  EXPECT_EQ(FindFact("customer.risk_rating")->type, FactType::kText);
  EXPECT_EQ(FindFact("customer.amount"), nullptr);
  EXPECT_EQ(FindFact(""), nullptr);
}

TEST(FactsTest, NamesAreUniqueAndShapedLikeTheSchemaPattern) {
  std::set<std::string> names;
  for (const FactDefinition& fact : kFactDefinitions) {
    EXPECT_TRUE(names.insert(std::string(fact.name)).second) << fact.name;
    const std::size_t dot = fact.name.find('.');
    ASSERT_NE(dot, std::string_view::npos) << fact.name;
    EXPECT_TRUE(fact.name.substr(0, dot) == "invoice" || fact.name.substr(0, dot) == "customer")
        << fact.name;
    for (char c : fact.name) {
      EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.')
          << fact.name;
    }
  }
}

// The value of `name`, or false when it is missing (no fact of these tests is a bool).
FactValue ValueOf(const Facts& facts, const char* name) {
  const FactValue* value = facts.Find(name);
  return value == nullptr ? FactValue(false) : *value;
}

TEST(FactsTest, SetFindReplaceAndErase) {
  Facts facts;
  EXPECT_EQ(facts.Find("invoice.amount"), nullptr);
  facts.SetMoney("invoice.amount", Money::FromCents(500000));
  EXPECT_EQ(ValueOf(facts, "invoice.amount"), FactValue(Money::FromCents(500000)));
  facts.SetMoney("invoice.amount", Money::FromCents(1));
  EXPECT_EQ(ValueOf(facts, "invoice.amount"), FactValue(Money::FromCents(1)));
  facts.SetTextList("customer.tags", {"a", "b"});
  EXPECT_EQ(ValueOf(facts, "customer.tags"), FactValue(std::vector<std::string>{"a", "b"}));
  facts.Erase("invoice.amount");
  EXPECT_EQ(facts.Find("invoice.amount"), nullptr);
  facts.Erase("invoice.amount");
  EXPECT_EQ(facts.Find("invoice.amount"), nullptr);
}

TEST(FactsDeathTest, SettingAnUnknownFactOrTheWrongTypeAborts) {
  Facts facts;
  EXPECT_DEATH(facts.SetInteger("customer.shoe_size", 44), "");
  EXPECT_DEATH(facts.SetText("invoice.amount", "5000"), "");
}

}  // namespace
}  // namespace duly
