// /v1/cases and /v1/reports/complaints over the real SociCaseStore: opening routes and assigns,
// bad input names the field, colleagues act only on their own cases, the report answers JSON and
// CSV, and without a case store the routes answer 503.
#include <gtest/gtest.h>

#include "daemon/api/api_test_fixture.h"

namespace duly::daemon {
namespace {

class CasesApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    SeedCustomerAndInvoice();
    ASSERT_EQ(Admin("POST", "/v1/invoices", R"({"invoices": [{"id": "INV-2", "customer": "C1",
                    "issued": "2026-03-01", "due": "2026-03-31", "amount": "80.00"}]})")
                  .status,
              200);
    // The colleague token's name is "colleague-test": that colleague is in billing.
    ASSERT_EQ(Admin("POST", "/v1/colleagues", R"({"colleagues": [
                    {"id": "boss", "name": "Bea", "email": "bea@example.nl", "role": "manager",
                     "department": "finance"},
                    {"id": "colleague-test", "name": "Cas", "email": "cas@example.nl",
                     "department": "billing", "manager": "boss"},
                    {"id": "zz", "name": "Zoe", "email": "zoe@example.nl",
                     "department": "billing", "manager": "boss"}]})")
                  .status,
              200);
  }
  HttpResponse As(Role role, const std::string& method, const std::string& target,
                  const std::string& body = "") {
    return Call(method, target, tokens_.at(role), body);
  }
};

constexpr const char* kPriceComplaint =
    R"({"customer": "C1", "invoices": ["INV-1", "INV-2"], "category": "wrong_price",
        "description": "The unit price should be 80.00", "source": "call"})";

TEST_F(CasesApiTest, ACollectorOpensAndTheAssigneeWorksTheCase) {
  HttpResponse opened = As(Role::kCollector, "POST", "/v1/cases", kPriceComplaint);
  ASSERT_EQ(opened.status, 200) << opened.body;
  const nlohmann::json subject = Json(opened);
  EXPECT_EQ(subject["department"], "billing");
  EXPECT_EQ(subject["assignee"], "colleague-test");
  EXPECT_EQ(subject["invoices"], nlohmann::json({"INV-1", "INV-2"}));
  EXPECT_EQ(subject["state"], "open");
  EXPECT_EQ(subject["deadline_at"], "2026-03-17T08:00:00.000Z");
  EXPECT_EQ(subject["link"], "https://duly.example.com/cases/1");

  EXPECT_EQ(As(Role::kColleague, "POST", "/v1/cases/1/acknowledge", "{}").status, 200);
  HttpResponse comment = As(Role::kColleague, "POST", "/v1/cases/1/comments",
                            R"({"text": "Asked sales for the quote"})");
  ASSERT_EQ(comment.status, 200) << comment.body;
  HttpResponse read = As(Role::kColleague, "GET", "/v1/cases/1");
  ASSERT_EQ(read.status, 200);
  EXPECT_FALSE(Json(read)["acknowledged_at"].is_null());
  EXPECT_EQ(Json(read)["comments"][0]["author"], "colleague-test");
  HttpResponse unexplained =
      As(Role::kColleague, "POST", "/v1/cases/1/resolve", R"({"kind": "explained"})");
  EXPECT_EQ(unexplained.status, 400);
  EXPECT_NE(Fields(unexplained).find("/explanation"), std::string::npos) << unexplained.body;
  HttpResponse which = As(Role::kColleague, "POST", "/v1/cases/1/resolve",
                          R"({"kind": "corrected_invoice", "new_amount": "1000.00"})");
  EXPECT_EQ(which.status, 400);
  EXPECT_NE(Fields(which).find("/invoice"), std::string::npos) << which.body;
  HttpResponse resolved =
      As(Role::kColleague, "POST", "/v1/cases/1/resolve",
         R"({"kind": "corrected_invoice", "invoice": "INV-1", "new_amount": "1000.00",
             "new_due": "2026-04-15", "note": "quote said 1000"})");
  ASSERT_EQ(resolved.status, 200) << resolved.body;
  EXPECT_EQ(Json(resolved)["state"], "resolved");
  EXPECT_EQ(Json(resolved)["resolution"]["new_amount"], "1000.00");
  EXPECT_EQ(Json(Admin("GET", "/v1/invoices/INV-1"))["amount"], "1000.00");
  EXPECT_EQ(As(Role::kColleague, "POST", "/v1/cases/1/comments", R"({"text": "late"})").status,
            409);
}

TEST_F(CasesApiTest, BadInputNamesTheField) {
  const std::pair<const char*, const char*> bodies[] = {
      {R"({"customer": "C1", "invoices": ["INV-1"], "description": "x"})", "/category"},
      {R"({"customer": "C1", "invoices": ["INV-1"], "category": "weather", "description": "x"})",
       "/category"},
      {R"({"customer": "C1", "invoices": [], "category": "other", "description": "x"})",
       "/invoices"},
      {R"({"customer": "C1", "invoices": ["INV-9"], "category": "other", "description": "x"})",
       "/invoices/0"},
      {R"({"customer": "C1", "invoices": ["INV-1"], "category": "other", "description": "x",
           "assignee": "ghost"})",
       "/assignee"},
  };
  const std::string before = Snapshot();
  for (const auto& [body, field] : bodies) {
    HttpResponse response = As(Role::kManager, "POST", "/v1/cases", body);
    EXPECT_EQ(response.status, 400) << body;
    EXPECT_NE(Fields(response).find(field), std::string::npos) << body << "\n" << response.body;
  }
  EXPECT_EQ(Snapshot(), before);
  HttpResponse unknown = As(Role::kManager, "POST", "/v1/cases",
                            R"({"customer": "C9", "invoices": ["INV-1"], "category": "other",
                                "description": "x"})");
  EXPECT_EQ(unknown.status, 404);
  HttpResponse nobody = As(Role::kManager, "POST", "/v1/cases",
                           R"({"customer": "C1", "invoices": ["INV-1"], "category": "damaged",
                               "description": "broken pallet"})");
  EXPECT_EQ(nobody.status, 422) << nobody.body;
  EXPECT_EQ(Admin("GET", "/v1/cases?state=lost").status, 400);
  EXPECT_EQ(Admin("GET", "/v1/cases/abc").status, 404);
  EXPECT_EQ(Admin("GET", "/v1/reports/complaints?from=2026-13-01").status, 400);
  EXPECT_EQ(Admin("GET", "/v1/reports/complaints?format=xml").status, 400);
}

TEST_F(CasesApiTest, ColleaguesActOnlyOnTheirOwnCases) {
  ASSERT_EQ(As(Role::kCollector, "POST", "/v1/cases",
               R"({"customer": "C1", "invoices": ["INV-1"], "category": "missing_po",
                   "description": "PO 4711 missing", "assignee": "zz"})")
                .status,
            200);
  EXPECT_EQ(As(Role::kColleague, "POST", "/v1/cases", kPriceComplaint).status, 403);
  EXPECT_EQ(As(Role::kColleague, "GET", "/v1/cases/1").status, 200);
  EXPECT_EQ(As(Role::kColleague, "POST", "/v1/cases/1/acknowledge", "{}").status, 403);
  EXPECT_EQ(
      As(Role::kColleague, "POST", "/v1/cases/1/reassign", R"({"assignee": "colleague-test"})")
          .status,
      403);
  // A manager may move it; then it is the colleague's.
  HttpResponse moved = As(Role::kManager, "POST", "/v1/cases/1/reassign",
                          R"({"colleague": "boss", "assignee": "colleague-test"})");
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(As(Role::kColleague, "POST", "/v1/cases/1/acknowledge", "{}").status, 200);
  HttpResponse mine = As(Role::kColleague, "GET", "/v1/cases?assignee=me");
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(Json(mine)["items"].size(), 1U);
  EXPECT_EQ(Json(As(Role::kManager, "GET", "/v1/cases?assignee=zz"))["items"].size(), 0U);
  EXPECT_EQ(As(Role::kColleague, "GET", "/v1/reports/complaints").status, 403);
}

TEST_F(CasesApiTest, TheReportAnswersJsonAndCsv) {
  ASSERT_EQ(As(Role::kCollector, "POST", "/v1/cases", kPriceComplaint).status, 200);
  HttpResponse report = As(Role::kManager, "GET", "/v1/reports/complaints");
  ASSERT_EQ(report.status, 200) << report.body;
  const nlohmann::json body = Json(report);
  ASSERT_EQ(body["groups"].size(), 1U);
  EXPECT_EQ(body["groups"][0]["department"], "billing");
  EXPECT_EQ(body["groups"][0]["category"], "wrong_price");
  EXPECT_EQ(body["groups"][0]["count"], 1);
  EXPECT_EQ(body["groups"][0]["customers"], 1);
  EXPECT_EQ(body["groups"][0]["amount_held"], "1330.00");
  EXPECT_TRUE(body["groups"][0]["median_hours_to_resolve"].is_null());
  EXPECT_EQ(body["groups"][0]["per_month"], nlohmann::json::parse(R"([{"month": "2026-03",
            "count": 1}])"));
  HttpResponse csv = As(Role::kManager, "GET", "/v1/reports/complaints?format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body,
            "department,category,count,customers,amount_held,median_hours_to_resolve,"
            "resolved_within_deadline,per_month\r\nbilling,wrong_price,1,1,1330.00,,,"
            "2026-03=1\r\n");
  EXPECT_EQ(
      Json(As(Role::kManager, "GET", "/v1/reports/complaints?from=2026-04-01"))["groups"].size(),
      0U);
}

TEST_F(CasesApiTest, WithoutACaseStoreTheRoutesAreUnavailable) {
  Router router(MakeTokenAuthenticator(*store_));
  ApiContext context = *context_;
  context.cases = nullptr;
  AddApiRoutes(router, context);
  for (const char* target : {"/v1/cases", "/v1/cases/1", "/v1/reports/complaints"}) {
    HttpRequest request;
    request.method = "GET";
    request.target = target;
    request.path = target;
    request.headers["authorization"] = "Bearer " + tokens_.at(Role::kAdmin);
    EXPECT_EQ(router.Handle(request).status, 503) << target;
  }
}

}  // namespace
}  // namespace duly::daemon
