#include "workflows/workflow.h"

#include <gtest/gtest.h>

namespace duly {
namespace {

Step MakeStep(std::string id, StepOffset at, Action action, std::size_t file_index) {
  Step step;
  step.id = std::move(id);
  step.at = at;
  step.action = std::move(action);
  step.file_index = file_index;
  return step;
}

TEST(WorkflowTest, SortsByOffsetKeepingFileOrderForTies) {
  std::vector<Step> steps = {
      MakeStep("late", StepOffset::Days(10), CallTaskAction{"x"}, 0),
      MakeStep("tie-a", StepOffset::Days(3), CreditHoldAction{}, 1),
      MakeStep("early", StepOffset::Days(-5), CreditHoldAction{}, 2),
      MakeStep("tie-b", StepOffset::Hours(72), CreditHoldAction{}, 3),
      MakeStep("hours", StepOffset::Hours(4), CreditHoldAction{}, 4),
  };
  SortByOffset(steps);
  std::vector<std::string> order;
  for (const Step& step : steps) order.push_back(step.id);
  EXPECT_EQ(order, (std::vector<std::string>{"early", "hours", "tie-a", "tie-b", "late"}));
}

TEST(WorkflowTest, FindsStepsAndTheirSuccessor) {
  Workflow workflow;
  workflow.steps = {MakeStep("a", StepOffset::Days(1), CreditHoldAction{}, 0),
                    MakeStep("b", StepOffset::Days(2), CreditHoldAction{}, 1)};
  ASSERT_NE(workflow.FindStep("b"), nullptr);
  EXPECT_EQ(workflow.FindStep("b")->file_index, 1u);
  EXPECT_EQ(workflow.FindStep("c"), nullptr);
  ASSERT_NE(workflow.StepAfter("a"), nullptr);
  EXPECT_EQ(workflow.StepAfter("a")->id, "b");
  EXPECT_EQ(workflow.StepAfter("b"), nullptr);
  EXPECT_EQ(workflow.StepAfter("c"), nullptr);
}

TEST(WorkflowTest, NamesActionsAsInJson) {
  EXPECT_STREQ(ActionTypeName(MessageAction{}), "message");
  EXPECT_STREQ(ActionTypeName(CallTaskAction{}), "call_task");
  EXPECT_STREQ(ActionTypeName(NotifyColleagueAction{}), "notify_colleague");
  EXPECT_STREQ(ActionTypeName(OpenCaseAction{}), "open_case");
  EXPECT_STREQ(ActionTypeName(FeeAction{}), "fee");
  EXPECT_STREQ(ActionTypeName(CreditHoldAction{}), "credit_hold");
  EXPECT_STREQ(ActionTypeName(HandoverAction{}), "handover");
  EXPECT_STREQ(ActionTypeName(WaitForAction{}), "wait_for");
  EXPECT_STREQ(FeeKindName(FeeAction::Kind::kInterest), "interest");
  EXPECT_STREQ(FeeKindName(FeeAction::Kind::kStatutoryCosts), "statutory_costs");
  EXPECT_STREQ(WaitTargetName(WaitForAction::Target::kPlan), "plan");
  EXPECT_STREQ(WaitTargetName(WaitForAction::Target::kCase), "case");
  EXPECT_STREQ(WaitTargetName(WaitForAction::Target::kPromise), "promise");
}

}  // namespace
}  // namespace duly
