// Every route x every role: admitted roles get past the router, others get 403; no token or an
// unknown token gets 401 on every protected route.
#include <string>

#include <gtest/gtest.h>

#include "channels/compose/letter_document_json.h"
#include "channels/print/spool_file.h"
#include "daemon/api/api_test_fixture.h"

namespace duly::daemon {
namespace {

// The pattern with its {id} filled with a record that exists.
std::string Target(const RouteInfo& route, const std::string& task) {
  std::string target = route.pattern;
  if (const std::size_t day = target.find("{day}"); day != std::string::npos) {
    target.replace(day, 5, "2026-03-10");
  }
  const std::size_t param = target.find("{id}");
  if (param == std::string::npos) return target;
  std::string id = "C1";
  if (target.starts_with("/v1/invoices")) id = "INV-1";
  if (target.starts_with("/v1/workflows")) id = "standard";
  if (target.starts_with("/v1/payments")) id = "P1";
  if (target.starts_with("/v1/colleagues")) id = "M1";
  if (target.starts_with("/v1/tasks")) id = task;
  if (target.starts_with("/v1/templates")) id = "reminder-friendly";
  if (target.starts_with("/v1/promises") || target.starts_with("/v1/plans")) id = "1";
  if (target.starts_with("/v1/reconciliation")) id = "1";
  if (target.starts_with("/v1/cases")) id = "1";
  if (const std::size_t language = target.find("{language}"); language != std::string::npos) {
    target.replace(language, 10, "nl");
  }
  target.replace(param, 4, id);
  if (const std::size_t version = target.find("{n}"); version != std::string::npos) {
    target.replace(version, 3, "1");
  }
  return target;
}

TEST_F(ApiTest, EveryRouteAdmitsExactlyItsRoles) {
  SeedCustomerAndInvoice();
  ASSERT_EQ(Admin("POST", "/v1/colleagues",
                  R"({"colleagues": [{"id": "M1", "name": "Mia", "email": "mia@example.nl"}]})")
                .status,
            200);
  ASSERT_EQ(Admin("POST", "/v1/payments", R"({"payments": [{"id": "P1", "customer": "C1",
                   "amount": "10.00", "received": "2026-03-05"}]})")
                .status,
            200);
  ASSERT_EQ(
      Admin("PUT", "/v1/segments", R"({"segments": [{"id": "all", "priority": 1, "when": {}}]})")
          .status,
      200);
  ASSERT_EQ(Admin("POST", "/v1/workflows", R"({"id": "standard", "name": "Standard",
                  "segment": "all", "steps": [{"id": "reminder-1", "at": "due+3d", "action":
                  {"type": "message", "channel": "email", "template": "reminder-friendly"}}]})")
                .status,
            200);
  NewTask failed;
  failed.kind = TaskKind::kFailedMessage;
  failed.customer = "C1";
  failed.invoices = {"INV-1"};
  auto task = tasks_->CreateTask(failed, Actor{"test"});
  ASSERT_TRUE(task.has_value()) << task.error().message;
  // Promise 1 and plan 1, which Target() names (INV-1 has EUR 1240.00 open after P1).
  auto promise = promises_->RecordPromise({"C1",
                                           {"INV-1"},
                                           Money::FromCents(10000),
                                           *ParseCalendarDate("2026-03-20"),
                                           PromiseSource::kApi,
                                           ""},
                                          Actor{"test"});
  ASSERT_TRUE(promise.has_value()) << promise.error().message;
  ASSERT_EQ(promise->id, 1);
  auto plan = plans_->CreatePlan({"C1",
                                  {"INV-1"},
                                  *ParseCalendarDate("2026-03-10"),
                                  {{*ParseCalendarDate("2026-04-10"), Money::FromCents(62000)},
                                   {*ParseCalendarDate("2026-05-10"), Money::FromCents(62000)}}},
                                 false, Actor{"test"});
  ASSERT_TRUE(plan.has_value()) << plan.error().message;
  ASSERT_EQ(plan->id, 1);
  // Case 1, which Target() names.
  auto opened =
      cases_->OpenCase(NewCase{"C1", {"INV-1"}, "other", "walk", "api", "M1"}, Actor{"test"});
  ASSERT_TRUE(opened.has_value()) << opened.error().message;
  ASSERT_EQ(opened->id, 1);
  // A printed letters batch for 2026-03-10, the day Target() names.
  {
    channels::LetterDocument letter;
    letter.customer = "C1";
    letter.sender.company_name = "Duly Demo BV";
    letter.recipient.name = "Bakkerij Jansen";
    letter.recipient.address_lines = {"Dorpsstraat 1", "3511 AA Utrecht"};
    letter.subject = "Herinnering";
    const std::filesystem::path day = dir_ / "letters" / "2026-03-10";
    std::filesystem::create_directories(day);
    ASSERT_TRUE(channels::WriteFileAtomically(day / "letter-1.json",
                                              channels::LetterDocumentToJson(letter)));
    ASSERT_TRUE(
        channels::PrintLetters(dir_ / "letters", *ParseCalendarDate("2026-03-10"), renderer_));
  }
  int checked = 0;
  for (const RouteInfo& route : router_->Routes()) {
    // Twilio's webhooks are public but signed: twilio_webhooks_api_test.cpp covers them.
    if (route.pattern.starts_with("/v1/webhooks/")) continue;
    const std::string target = Target(route, std::to_string(task->id));
    // Bodies are left empty: an admitted role then gets 400, never 401 or 403, and nothing is
    // written by the walk.
    for (const auto& [role, secret] : tokens_) {
      SCOPED_TRACE(route.method + " " + target + " as " + RoleName(role));
      const bool admitted =
          route.roles.empty() || role == Role::kAdmin || route.roles.contains(role);
      HttpResponse response = Call(route.method, target, secret);
      if (admitted) {
        // POST /v1/letters/print takes no body: an admitted role gets its (empty) result.
        const bool has_body = (route.method == "POST" || route.method == "PUT") &&
                              route.pattern != "/v1/letters/print";
        EXPECT_EQ(response.status, has_body ? 400 : 200) << response.body;
      } else {
        EXPECT_EQ(response.status, 403) << response.body;
      }
      ++checked;
    }
    SCOPED_TRACE(route.method + " " + target + " without a valid token");
    HttpResponse anonymous = Call(route.method, target, "");
    HttpResponse unknown = Call(route.method, target, "duly_not-a-real-token");
    if (route.roles.empty()) {
      EXPECT_EQ(anonymous.status, 200);
    } else {
      EXPECT_EQ(anonymous.status, 401) << anonymous.body;
      EXPECT_EQ(unknown.status, 401) << unknown.body;
    }
  }
  EXPECT_GE(checked, 5 * 17);
}

TEST_F(ApiTest, RolesFollowTheDocumentedPolicy) {
  auto status = [&](Role role, const std::string& method, const std::string& target) {
    return Call(method, target, tokens_.at(role), method == "POST" ? "{}" : "").status;
  };
  EXPECT_EQ(status(Role::kColleague, "GET", "/v1/customers"), 200);
  EXPECT_EQ(status(Role::kColleague, "GET", "/v1/invoices"), 200);
  EXPECT_EQ(status(Role::kColleague, "GET", "/v1/payments"), 403);
  EXPECT_EQ(status(Role::kColleague, "GET", "/v1/colleagues"), 403);
  EXPECT_EQ(status(Role::kColleague, "POST", "/v1/payments"), 403);
  EXPECT_EQ(status(Role::kCollector, "POST", "/v1/payments"), 400);
  EXPECT_EQ(status(Role::kCollector, "POST", "/v1/invoices"), 403);
  EXPECT_EQ(status(Role::kManager, "POST", "/v1/customers"), 403);
  EXPECT_EQ(status(Role::kIntegration, "POST", "/v1/colleagues"), 400);
  EXPECT_EQ(status(Role::kIntegration, "GET", "/v1/customers/C1/history"), 403);
}

}  // namespace
}  // namespace duly::daemon
