#include "workflows/segment.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "workflows/workflow_parser.h"

namespace duly {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// The segments example of issue 3, unchanged.
constexpr const char* kIssueSegments = R"({ "segments": [
  { "id": "key-accounts", "priority": 1, "when": { "customer.tags": { "contains": "key-account" } } },
  { "id": "late-payers",  "priority": 2, "when": { "customer.avg_days_late": { "gt": 15 } } },
  { "id": "consumers",    "priority": 3, "when": { "customer.kind": { "eq": "b2c" } } },
  { "id": "b2b-standard", "priority": 9, "when": {} }
] })";

Facts Customer(const char* kind, double avg_days_late, std::vector<std::string> tags) {
  Facts facts;
  facts.SetText("customer.kind", kind);
  facts.SetNumber("customer.avg_days_late", avg_days_late);
  facts.SetTextList("customer.tags", std::move(tags));
  return facts;
}

std::string SegmentOf(const SegmentRules& rules, const Facts& facts) {
  const SegmentRule* rule = rules.Assign(facts);
  return rule == nullptr ? "(none)" : rule->id;
}

class SegmentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto parsed = ParseSegmentsText(kIssueSegments);
    ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
    rules_ = *parsed;
  }
  SegmentRules rules_;
};

TEST_F(SegmentTest, KeyAccountTagWinsOverEverythingElse) {
  EXPECT_EQ(SegmentOf(rules_, Customer("b2c", 40, {"export", "key-account"})), "key-accounts");
}

TEST_F(SegmentTest, LatePayersAreThoseMoreThanFifteenDaysLate) {
  EXPECT_EQ(SegmentOf(rules_, Customer("b2b", 16, {})), "late-payers");
  EXPECT_EQ(SegmentOf(rules_, Customer("b2b", 15.01, {})), "late-payers");
  EXPECT_EQ(SegmentOf(rules_, Customer("b2b", 15, {})), "b2b-standard");
}

TEST_F(SegmentTest, ConsumersAndTheCatchAll) {
  EXPECT_EQ(SegmentOf(rules_, Customer("b2c", 3, {})), "consumers");
  EXPECT_EQ(SegmentOf(rules_, Customer("b2b", 3, {"export"})), "b2b-standard");
  EXPECT_EQ(SegmentOf(rules_, Facts()), "b2b-standard");  // no facts at all: only {} holds
}

TEST_F(SegmentTest, RulesAreSortedByPriorityAndFindable) {
  ASSERT_EQ(rules_.rules().size(), 4u);
  EXPECT_EQ(rules_.rules().front().id, "key-accounts");
  EXPECT_EQ(rules_.rules().back().priority, 9);
  EXPECT_EQ(rules_.Find("consumers")->priority, 3);
  EXPECT_EQ(rules_.Find("nobody"), nullptr);
}

// The error of a segments document that must be refused; checks it has exactly one field.
FieldError OnlyProblem(const nlohmann::json& document) {
  auto rules = ParseSegments(document);
  if (rules.has_value()) {
    ADD_FAILURE() << "accepted: " << document.dump();
    return {};
  }
  EXPECT_EQ(rules.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(rules.error().fields.size(), 1u) << rules.error().message;
  return rules.error().fields.empty() ? FieldError{} : rules.error().fields.front();
}

TEST(ParseSegmentsTest, SchemaErrorsNameTheJsonPointer) {
  nlohmann::json document = nlohmann::json::parse(kIssueSegments);
  document["segments"][1].erase("priority");
  EXPECT_EQ(OnlyProblem(document).field, "/segments/1/priority");
  document = nlohmann::json::parse(kIssueSegments);
  document["segments"][2]["when"]["customer.kind"] = {{"equals", "b2c"}};
  EXPECT_EQ(OnlyProblem(document).field, "/segments/2/when/customer.kind/equals");
  document = nlohmann::json::parse(kIssueSegments);
  document["segments"][0]["priority"] = "first";
  EXPECT_EQ(OnlyProblem(document).field, "/segments/0/priority");
}

TEST(ParseSegmentsTest, DuplicateIdsAndPriorities) {
  nlohmann::json document = nlohmann::json::parse(kIssueSegments);
  document["segments"][3]["id"] = "consumers";
  FieldError error = OnlyProblem(document);
  EXPECT_EQ(error.field, "/segments/3/id");
  EXPECT_THAT(error.message, HasSubstr("segment \"consumers\": duplicate segment id"));
  document = nlohmann::json::parse(kIssueSegments);
  document["segments"][3]["priority"] = 2;
  error = OnlyProblem(document);
  EXPECT_EQ(error.field, "/segments/3/priority");
  EXPECT_THAT(error.message, HasSubstr("segment \"b2b-standard\": priority 2 is already used"));
}

TEST(ParseSegmentsTest, ConditionsAreChecked) {
  nlohmann::json document = nlohmann::json::parse(kIssueSegments);
  document["segments"][1]["when"] = {{"customer.avg_days_lat", {{"gt", 15}}}};
  FieldError error = OnlyProblem(document);
  EXPECT_EQ(error.field, "/segments/1/when/customer.avg_days_lat");
  EXPECT_THAT(error.message, HasSubstr("segment \"late-payers\": unknown fact"));
  document["segments"][1]["when"] = {{"customer.avg_days_late", {{"gt", "fifteen"}}}};
  EXPECT_EQ(OnlyProblem(document).field, "/segments/1/when/customer.avg_days_late/gt");
}

Workflow Serving(std::string id, std::string segment) {
  Workflow workflow;
  workflow.id = std::move(id);
  workflow.segment = std::move(segment);
  return workflow;
}

TEST_F(SegmentTest, CoverageHoldsWhenEverySegmentHasOneWorkflow) {
  EXPECT_TRUE(CheckCoverage(rules_, {Serving("w1", "b2b-standard"), Serving("w2", "consumers"),
                                     Serving("w3", "late-payers"), Serving("w4", "key-accounts")})
                  .ok());
}

TEST_F(SegmentTest, CoverageNamesSegmentsNoWorkflowServes) {
  Status status =
      CheckCoverage(rules_, {Serving("w1", "b2b-standard"), Serving("w2", "consumers")});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(
      status.error().fields,
      ElementsAre(FieldError{"/segments/0", "segment \"key-accounts\": no workflow serves it"},
                  FieldError{"/segments/1", "segment \"late-payers\": no workflow serves it"}));
  EXPECT_THAT(status.error().message, HasSubstr("key-accounts"));
}

TEST_F(SegmentTest, CoverageNamesWorkflowsForUnknownOrAlreadyServedSegments) {
  Status status =
      CheckCoverage(rules_, {Serving("w1", "b2b-standard"), Serving("w2", "consumers"),
                             Serving("w3", "late-payers"), Serving("w4", "key-accounts"),
                             Serving("w5", "vips"), Serving("w6", "consumers")});
  ASSERT_FALSE(status.ok());
  ASSERT_EQ(status.error().fields.size(), 2u);
  EXPECT_EQ(status.error().fields[0].field, "/workflows/4/segment");
  EXPECT_THAT(status.error().fields[0].message,
              HasSubstr("workflow \"w5\": serves segment \"vips\", which no segment rule defines"));
  EXPECT_EQ(status.error().fields[1].field, "/workflows/5/segment");
  EXPECT_THAT(status.error().fields[1].message, HasSubstr("already served by workflow \"w2\""));
}

TEST(SegmentRulesTest, AssignsByPriorityNotFileOrder) {
  SegmentRule late{"late",
                   "",
                   "",
                   5,
                   Condition::Compare("customer.open_disputes", ComparisonOperator::kGt,
                                      {FactValue(std::int64_t{0})}),
                   0};
  SegmentRule everyone{"everyone", "", "", 7, Condition(), 1};
  SegmentRule first{"first",
                    "",
                    "",
                    1,
                    Condition::Compare("customer.risk_rating", ComparisonOperator::kEq,
                                       {FactValue(std::string("high"))}),
                    2};
  const SegmentRules rules({everyone, late, first}, 4);
  EXPECT_EQ(rules.version(), 4);
  Facts facts;
  facts.SetInteger("customer.open_disputes", 2);
  EXPECT_EQ(SegmentOf(rules, facts), "late");
  facts.SetText("customer.risk_rating", "high");
  EXPECT_EQ(SegmentOf(rules, facts), "first");
  facts.SetInteger("customer.open_disputes", 0);
  facts.SetText("customer.risk_rating", "low");
  EXPECT_EQ(SegmentOf(rules, facts), "everyone");
}

TEST(SegmentRulesTest, NoCatchAllMeansNoSegment) {
  const SegmentRules rules({SegmentRule{
      "b2c", "", "", 1,
      Condition::Compare("customer.kind", ComparisonOperator::kEq, {FactValue(std::string("b2c"))}),
      0}});
  Facts facts;
  facts.SetText("customer.kind", "b2b");
  EXPECT_EQ(rules.Assign(facts), nullptr);
}

}  // namespace
}  // namespace duly
