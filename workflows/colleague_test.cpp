#include "workflows/colleague.h"

#include <string>

#include <gtest/gtest.h>

#include "workflows/store.h"

namespace duly {
namespace {

Colleague ValidColleague() {
  Colleague colleague;
  colleague.id = "col-7";
  colleague.name = "Anna Jansen";
  colleague.role = "collector";
  colleague.department = "credit";
  colleague.manager = "col-1";
  colleague.email = "anna@example.nl";
  colleague.phone = "+31612345678";
  colleague.notify = "email";
  return colleague;
}

std::string OnlyError(const Colleague& colleague, const std::string& field) {
  const auto errors = Validate(colleague);
  EXPECT_EQ(errors.size(), 1U) << field;
  if (errors.empty()) return {};
  EXPECT_EQ(errors[0].field, field);
  EXPECT_FALSE(errors[0].message.empty());
  return errors[0].message;
}

TEST(ColleagueTest, AcceptsValidColleague) { EXPECT_TRUE(Validate(ValidColleague()).empty()); }

TEST(ColleagueTest, ChecksId) {
  Colleague colleague = ValidColleague();
  colleague.id = "";
  OnlyError(colleague, "/id");
  colleague.id = std::string(65, 'c');
  OnlyError(colleague, "/id");
}

TEST(ColleagueTest, RequiresName) {
  Colleague colleague = ValidColleague();
  colleague.name = "";
  OnlyError(colleague, "/name");
  colleague.name = "Anna\xFF";
  OnlyError(colleague, "/name");
}

TEST(ColleagueTest, KnowsRoles) {
  Colleague colleague = ValidColleague();
  for (const char* role : {"colleague", "manager", "collector", "admin"}) {
    colleague.role = role;
    EXPECT_TRUE(Validate(colleague).empty()) << role;
  }
  colleague.role = "integration";
  OnlyError(colleague, "/role");
}

TEST(ColleagueTest, ChecksDepartmentText) {
  Colleague colleague = ValidColleague();
  colleague.department = "credit\ncontrol";
  OnlyError(colleague, "/department");
}

TEST(ColleagueTest, ManagerIsSomeoneElse) {
  Colleague colleague = ValidColleague();
  colleague.manager = colleague.id;
  EXPECT_EQ(OnlyError(colleague, "/manager"),
            "must be someone else; a colleague cannot manage themselves");
  colleague.manager = "";
  EXPECT_TRUE(Validate(colleague).empty());
}

TEST(ColleagueTest, ChecksEmailAndPhoneShapes) {
  Colleague colleague = ValidColleague();
  colleague.email = "anna at example";
  OnlyError(colleague, "/email");
  colleague = ValidColleague();
  colleague.phone = "0612345678";
  OnlyError(colleague, "/phone");
}

TEST(ColleagueTest, KnowsNotificationChannels) {
  Colleague colleague = ValidColleague();
  colleague.notify = "pager";
  OnlyError(colleague, "/notify");
}

TEST(ColleagueTest, SmsAndWhatsappNeedPhone) {
  Colleague colleague = ValidColleague();
  colleague.phone = "";
  for (const char* channel : {"sms", "whatsapp"}) {
    colleague.notify = channel;
    EXPECT_EQ(OnlyError(colleague, "/phone"), std::string("is required to notify by ") + channel);
  }
}

TEST(ColleagueTest, EmailNotificationNeedsEmail) {
  Colleague colleague = ValidColleague();
  colleague.email = "";
  EXPECT_EQ(OnlyError(colleague, "/email"), "is required to notify by email");
  colleague.notify = "sms";
  EXPECT_TRUE(Validate(colleague).empty());
}

TEST(ColleagueTest, ChatNeedsHttpsWebhook) {
  Colleague colleague = ValidColleague();
  colleague.notify = "chat";
  OnlyError(colleague, "/chat_webhook");
  colleague.chat_webhook = "http://chat.example.nl/hooks/abc";
  OnlyError(colleague, "/chat_webhook");
  colleague.chat_webhook = "https:///hooks";
  OnlyError(colleague, "/chat_webhook");
  colleague.chat_webhook = "https://chat.example.nl/hooks/a b";
  OnlyError(colleague, "/chat_webhook");
  colleague.chat_webhook = "https://chat.example.nl:8443/hooks/abc?token=x";
  EXPECT_TRUE(Validate(colleague).empty());
}

TEST(ColleagueTest, NamesRolesAndChannels) {
  EXPECT_TRUE(IsColleagueRole("admin"));
  EXPECT_FALSE(IsColleagueRole("Admin"));
  EXPECT_TRUE(IsNotificationChannel("chat"));
  EXPECT_FALSE(IsNotificationChannel("letter"));
}

TEST(RoleTest, NamesEveryApiRole) {
  for (auto role :
       {Role::kAdmin, Role::kManager, Role::kCollector, Role::kColleague, Role::kIntegration}) {
    EXPECT_EQ(ParseRole(RoleName(role)), role);
  }
  EXPECT_STREQ(RoleName(Role::kIntegration), "integration");
  EXPECT_FALSE(ParseRole("root").has_value());
  EXPECT_FALSE(ParseRole("").has_value());
}

}  // namespace
}  // namespace duly
