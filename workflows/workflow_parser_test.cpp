#include "workflows/workflow_parser.h"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace duly {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// The workflow example of issue 3, unchanged.
constexpr const char* kIssueWorkflow = R"({
  "id": "b2b-standard",
  "name": "B2B standard",
  "segment": "b2b-standard",
  "steps": [
    { "id": "courtesy-call", "at": "due-5d",
      "when": { "invoice.amount": { "gte": 5000 } },
      "action": { "type": "call_task", "script": "courtesy" } },
    { "id": "reminder-1", "at": "due+3d",
      "action": { "type": "message", "channel": "preferred", "template": "reminder-friendly" } },
    { "id": "reminder-2", "at": "due+10d",
      "action": { "type": "message", "channel": ["whatsapp", "sms", "email"], "template": "reminder-second" } },
    { "id": "follow-up-call", "at": "due+17d",
      "action": { "type": "call_task", "script": "follow-up" } },
    { "id": "final-notice", "at": "due+24d",
      "action": { "type": "message", "channel": "letter", "template": "final-notice" } },
    { "id": "tell-account-manager", "at": "due+24d",
      "action": { "type": "notify_colleague", "to": "account_manager", "template": "customer-at-final-notice" } },
    { "id": "handover", "at": "due+45d",
      "action": { "type": "handover", "agency": "default" } }
  ]
})";

json Example() { return json::parse(kIssueWorkflow); }

ParseOptions KnownTemplates() {
  return {{"reminder-friendly", "reminder-second", "final-notice", "customer-at-final-notice"}};
}

// The error of a workflow that must be refused; checks it has exactly one field.
FieldError OnlyProblem(const json& document, const ParseOptions& options = {}) {
  auto workflow = ParseWorkflow(document, options);
  if (workflow.has_value()) {
    ADD_FAILURE() << "accepted: " << document.dump();
    return {};
  }
  EXPECT_EQ(workflow.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(workflow.error().fields.size(), 1u) << workflow.error().message;
  return workflow.error().fields.empty() ? FieldError{} : workflow.error().fields.front();
}

TEST(WorkflowParserTest, TheIssueExampleParses) {
  auto workflow = ParseWorkflowText(kIssueWorkflow, KnownTemplates());
  ASSERT_TRUE(workflow.has_value()) << workflow.error().message;
  EXPECT_EQ(workflow->id, "b2b-standard");
  EXPECT_EQ(workflow->name, "B2B standard");
  EXPECT_EQ(workflow->segment, "b2b-standard");
  EXPECT_EQ(workflow->version, 0);
  ASSERT_EQ(workflow->steps.size(), 7u);

  const Step& courtesy = workflow->steps[0];
  EXPECT_EQ(courtesy.id, "courtesy-call");
  EXPECT_EQ(courtesy.at, StepOffset::Days(-5));
  EXPECT_EQ(std::get<CallTaskAction>(courtesy.action).script, "courtesy");
  Facts large;
  large.SetMoney("invoice.amount", *Money::Parse("5000.00"));
  Facts small;
  small.SetMoney("invoice.amount", *Money::Parse("4999.99"));
  EXPECT_TRUE(courtesy.when.Evaluate(large));
  EXPECT_FALSE(courtesy.when.Evaluate(small));

  const Step& reminder = *workflow->FindStep("reminder-1");
  EXPECT_TRUE(reminder.when.IsAlways());
  EXPECT_THAT(std::get<MessageAction>(reminder.action).channels, ElementsAre("preferred"));
  EXPECT_EQ(std::get<MessageAction>(reminder.action).template_id, "reminder-friendly");
  EXPECT_THAT(std::get<MessageAction>(workflow->FindStep("reminder-2")->action).channels,
              ElementsAre("whatsapp", "sms", "email"));
  const auto& notify =
      std::get<NotifyColleagueAction>(workflow->FindStep("tell-account-manager")->action);
  EXPECT_EQ(notify.to.kind, ColleagueTarget::Kind::kAccountManager);
  EXPECT_EQ(notify.template_id, "customer-at-final-notice");
  EXPECT_EQ(std::get<HandoverAction>(workflow->steps.back().action).agency, "default");
}

TEST(WorkflowParserTest, StepsAreSortedByOffsetStably) {
  json document = Example();
  document["steps"][0]["at"] = "due+24d";  // courtesy-call now ties with the two at +24d
  document["steps"][6]["at"] = "due-1h";   // handover first
  document["steps"][3]["at"] = "due+4h";   // follow-up-call before reminder-1 (+3d)
  auto workflow = ParseWorkflow(document);
  ASSERT_TRUE(workflow.has_value()) << workflow.error().message;
  std::vector<std::string> order;
  std::vector<std::size_t> file_index;
  for (const Step& step : workflow->steps) {
    order.push_back(step.id);
    file_index.push_back(step.file_index);
  }
  EXPECT_THAT(order, ElementsAre("handover", "follow-up-call", "reminder-1", "reminder-2",
                                 "courtesy-call", "final-notice", "tell-account-manager"));
  EXPECT_THAT(file_index, ElementsAre(6, 3, 1, 2, 0, 4, 5));
  EXPECT_EQ(workflow->StepAfter("reminder-2")->id, "courtesy-call");
}

TEST(WorkflowParserTest, EveryActionType) {
  json document = {{"id", "all"}, {"name", "All actions"}, {"segment", "s"}, {"version", 3}};
  document["steps"] = json::parse(R"([
    { "id": "a", "at": "due+1d", "action": { "type": "notify_colleague", "to": "anna", "template": "t" } },
    { "id": "b", "at": "due+2d", "action": { "type": "notify_colleague",
        "to": { "role": "manager", "department": "billing" }, "template": "t" } },
    { "id": "c", "at": "due+3d", "action": { "type": "open_case", "category": "wrong_price" } },
    { "id": "d", "at": "due+4d", "action": { "type": "fee", "kind": "statutory_costs" } },
    { "id": "e", "at": "due+5d", "action": { "type": "fee", "kind": "interest" } },
    { "id": "f", "at": "due+6d", "action": { "type": "credit_hold" } },
    { "id": "g", "at": "due+7d", "action": { "type": "wait_for", "for": "plan" } },
    { "id": "h", "at": "due+8d", "action": { "type": "wait_for", "for": "case" },
      "description": "hold on" }
  ])");
  auto workflow = ParseWorkflow(document);
  ASSERT_TRUE(workflow.has_value()) << workflow.error().message;
  EXPECT_EQ(workflow->version, 3);
  const auto& colleague = std::get<NotifyColleagueAction>(workflow->steps[0].action).to;
  EXPECT_EQ(colleague.kind, ColleagueTarget::Kind::kColleague);
  EXPECT_EQ(colleague.colleague_id, "anna");
  const auto& selector = std::get<NotifyColleagueAction>(workflow->steps[1].action).to;
  EXPECT_EQ(selector.kind, ColleagueTarget::Kind::kSelector);
  EXPECT_EQ(selector.role, "manager");
  EXPECT_EQ(selector.department, "billing");
  EXPECT_EQ(std::get<OpenCaseAction>(workflow->steps[2].action).category, "wrong_price");
  EXPECT_EQ(std::get<FeeAction>(workflow->steps[3].action).kind, FeeAction::Kind::kStatutoryCosts);
  EXPECT_EQ(std::get<FeeAction>(workflow->steps[4].action).kind, FeeAction::Kind::kInterest);
  EXPECT_TRUE(std::holds_alternative<CreditHoldAction>(workflow->steps[5].action));
  EXPECT_EQ(std::get<WaitForAction>(workflow->steps[6].action).target,
            WaitForAction::Target::kPlan);
  EXPECT_EQ(std::get<WaitForAction>(workflow->steps[7].action).target,
            WaitForAction::Target::kCase);
  EXPECT_EQ(workflow->steps[7].description, "hold on");
}

TEST(WorkflowParserTest, SchemaErrorsNameTheJsonPointer) {
  json document = Example();
  document["steps"][1]["at"] = "three days after";
  FieldError error = OnlyProblem(document);
  EXPECT_EQ(error.field, "/steps/1/at");
  EXPECT_THAT(error.message, HasSubstr("must be a time relative to the due date"));

  document = Example();
  document["steps"][1]["action"].erase("template");
  EXPECT_EQ(OnlyProblem(document), (FieldError{"/steps/1/action/template", "is required"}));
  auto missing = ParseWorkflow(document);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().message,
            "Workflow is invalid: 1 problem, the first at /steps/1/action/template: is required");

  document = Example();
  document["steps"][3]["action"]["template"] = "x";  // call_task takes no template
  error = OnlyProblem(document);
  EXPECT_EQ(error.field, "/steps/3/action/template");
  EXPECT_EQ(error.message, "is not an allowed field here");

  document = Example();
  document["steps"][6]["action"]["type"] = "sue";
  error = OnlyProblem(document);
  EXPECT_EQ(error.field, "/steps/6/action/type");
  EXPECT_THAT(error.message, HasSubstr("must be one of: message, call_task"));

  document = Example();
  document["steps"][2]["action"]["channel"] = json::array();
  EXPECT_EQ(OnlyProblem(document).field, "/steps/2/action/channel");

  document = Example();
  document["colour"] = "blue";
  EXPECT_EQ(OnlyProblem(document).field, "/colour");

  document = Example();
  document["steps"][0]["when"] = {{"amount", {{"gte", 1}}}};  // not shaped like a fact name
  EXPECT_EQ(OnlyProblem(document).field, "/steps/0/when/amount");

  document = Example();
  document["steps"][0]["when"]["invoice.amount"] = {{"gte", 1}, {"roughly", 2}};
  EXPECT_EQ(OnlyProblem(document).field, "/steps/0/when/invoice.amount/roughly");

  auto text = ParseWorkflowText("{ not json");
  ASSERT_FALSE(text.has_value());
  EXPECT_EQ(text.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(text.error().fields, ElementsAre(FieldError{"", "must be a JSON object"}));
}

TEST(WorkflowParserTest, DuplicateStepId) {
  json document = Example();
  document["steps"][2]["id"] = "reminder-1";
  const FieldError error = OnlyProblem(document);
  EXPECT_EQ(error.field, "/steps/2/id");
  EXPECT_THAT(error.message, HasSubstr("step \"reminder-1\": duplicate step id"));
  EXPECT_THAT(error.message, HasSubstr("/steps/1"));
}

TEST(WorkflowParserTest, StepBeforeDueMinusSixtyDays) {
  json document = Example();
  document["steps"][0]["at"] = "due-60d";
  EXPECT_TRUE(ParseWorkflow(document).has_value());
  document["steps"][0]["at"] = "due-1441h";
  FieldError error = OnlyProblem(document);
  EXPECT_EQ(error.field, "/steps/0/at");
  EXPECT_THAT(error.message, HasSubstr("step \"courtesy-call\": due-1441h is before due-60d"));
  document["steps"][0]["at"] = "due-61d";
  EXPECT_THAT(OnlyProblem(document).message, HasSubstr("step \"courtesy-call\""));
  document["steps"][0]["at"] = "due+9999d";
  error = OnlyProblem(document);
  EXPECT_EQ(error.field, "/steps/0/at");
  EXPECT_THAT(error.message, HasSubstr("step \"courtesy-call\": \"due+9999d\" is too far"));
}

TEST(WorkflowParserTest, UnknownTemplate) {
  json document = Example();
  document["steps"][2]["action"]["template"] = "reminder-secnd";
  EXPECT_TRUE(ParseWorkflow(document).has_value());  // no known templates: not checked
  FieldError error = OnlyProblem(document, KnownTemplates());
  EXPECT_EQ(error.field, "/steps/2/action/template");
  EXPECT_THAT(error.message, HasSubstr("step \"reminder-2\": unknown template \"reminder-secnd\""));

  document = Example();
  document["steps"][5]["action"]["template"] = "nope";
  error = OnlyProblem(document, KnownTemplates());
  EXPECT_EQ(error.field, "/steps/5/action/template");
  EXPECT_THAT(error.message, HasSubstr("step \"tell-account-manager\""));
}

TEST(WorkflowParserTest, UnknownChannel) {
  json document = Example();
  document["steps"][2]["action"]["channel"][1] = "fax";
  FieldError error = OnlyProblem(document);
  EXPECT_EQ(error.field, "/steps/2/action/channel/1");
  EXPECT_THAT(error.message, HasSubstr("step \"reminder-2\": unknown channel \"fax\""));
  document = Example();
  document["steps"][4]["action"]["channel"] = "pigeon";
  error = OnlyProblem(document);
  EXPECT_EQ(error.field, "/steps/4/action/channel");
  EXPECT_THAT(error.message, HasSubstr("step \"final-notice\""));
}

TEST(WorkflowParserTest, UnknownFactInCondition) {
  json document = Example();
  document["steps"][0]["when"] = {{"invoice.amout", {{"gte", 5000}}}};
  const FieldError error = OnlyProblem(document);
  EXPECT_EQ(error.field, "/steps/0/when/invoice.amout");
  EXPECT_THAT(error.message, HasSubstr("step \"courtesy-call\": unknown fact \"invoice.amout\""));
}

TEST(WorkflowParserTest, WrongValueTypeForTheFactsOperator) {
  json document = Example();
  document["steps"][0]["when"] = {{"invoice.amount", {{"gte", "lots"}}}};
  FieldError error = OnlyProblem(document);
  EXPECT_EQ(error.field, "/steps/0/when/invoice.amount/gte");
  EXPECT_THAT(error.message, HasSubstr("step \"courtesy-call\": must be an amount"));
  document["steps"][0]["when"] = {{"customer.tags", {{"gt", 1}}}};
  error = OnlyProblem(document);
  EXPECT_EQ(error.field, "/steps/0/when/customer.tags/gt");
  EXPECT_THAT(error.message, HasSubstr("step \"courtesy-call\""));
}

TEST(WorkflowParserTest, ReportsEverySemanticProblemAtOnce) {
  json document = Example();
  document["steps"][2]["id"] = "reminder-1";
  document["steps"][4]["action"]["channel"] = "fax";
  auto workflow = ParseWorkflow(document);
  ASSERT_FALSE(workflow.has_value());
  EXPECT_EQ(workflow.error().fields.size(), 2u);
  EXPECT_THAT(workflow.error().message, HasSubstr("workflow \"b2b-standard\": step"));
  EXPECT_THAT(workflow.error().message, HasSubstr("(and 1 more)"));
}

}  // namespace
}  // namespace duly
