#include "workflows/cases/case_assignee.h"

#include <gtest/gtest.h>

namespace duly {
namespace {

Colleague Person(const std::string& id, const std::string& department, const std::string& role,
                 const std::string& manager = "", bool active = true) {
  Colleague colleague;
  colleague.id = id;
  colleague.name = id;
  colleague.department = department;
  colleague.role = role;
  colleague.manager = manager;
  colleague.active = active;
  return colleague;
}

const std::vector<Colleague> kTeam = {
    Person("b1", "billing", "colleague", "bm"),
    Person("b2", "billing", "colleague", "bm"),
    Person("b3", "billing", "colleague", "", false),
    Person("bm", "finance", "manager", "cfo"),
    Person("cfo", "board", "manager"),
    Person("s1", "sales", "colleague", "bm"),
    Person("am", "sales", "colleague"),
    Person("k1", "credit", "collector"),
    Person("k2", "credit", "collector"),
};

TEST(CaseAssignee, FewestOpenCasesTiesById) {
  EXPECT_EQ(*ChooseCaseAssignee("billing", "", kTeam, {}), "b1");
  EXPECT_EQ(*ChooseCaseAssignee("billing", "", kTeam, {{"b1", 2}, {"b2", 1}}), "b2");
  EXPECT_EQ(*ChooseCaseAssignee("billing", "", kTeam, {{"b1", 1}, {"b2", 1}, {"bm", 0}}), "b1");
}

TEST(CaseAssignee, SalesGoesToTheAccountManager) {
  EXPECT_EQ(*ChooseCaseAssignee("sales", "am", kTeam, {{"am", 9}}), "am");
  // Not for other departments, and not when the account manager is unknown.
  EXPECT_EQ(*ChooseCaseAssignee("billing", "am", kTeam, {}), "b1");
  EXPECT_EQ(*ChooseCaseAssignee("sales", "ghost", kTeam, {{"am", 1}}), "s1");
}

TEST(CaseAssignee, OtherGoesToACollector) {
  EXPECT_EQ(*ChooseCaseAssignee("collection", "", kTeam, {{"k1", 3}}), "k2");
}

TEST(CaseAssignee, NobodyInTheDepartmentIsAPolicyError) {
  auto chosen = ChooseCaseAssignee("operations", "", kTeam, {});
  ASSERT_FALSE(chosen);
  EXPECT_EQ(chosen.error().code, ErrorCode::kPolicy);
  EXPECT_NE(chosen.error().message.find("operations"), std::string::npos);
}

TEST(CaseAssignee, ManagerChainClimbsOneLevelAtATime) {
  EXPECT_EQ(ManagerAbove("b1", 1, kTeam), "bm");
  EXPECT_EQ(ManagerAbove("b1", 2, kTeam), "cfo");
  EXPECT_EQ(ManagerAbove("b1", 3, kTeam), "");
  EXPECT_EQ(ManagerAbove("am", 1, kTeam), "");
}

}  // namespace
}  // namespace duly
