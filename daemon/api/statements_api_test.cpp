// POST /v1/statements and the reconciliation queue over the real SQLite store.
#include <gtest/gtest.h>

#include "daemon/api/api_test_fixture.h"

namespace duly::daemon {
namespace {

constexpr const char* kMt940 =
    ":20:API-1\r\n:25:NL91ABNA0417164300EUR\r\n:28C:1/1\r\n:60F:C260309EUR0,00\r\n"
    ":61:2603100310C1250,00NTRFNONREF//API-B1\r\n"
    ":86:/EREF/E1//CNTP/NL91ABNA0417164300/ABNANL2A/Bakkerij de "
    "Vries/Utrecht//REMI/USTD//INV-1/\r\n"
    ":61:2603100310C40,00NTRFNONREF//API-B2\r\n:86:/REMI/USTD//bedankt/\r\n"
    ":61:2603100310C7,00NTRFNONREF//API-B3\r\n:86:/REMI/USTD//rente/\r\n"
    ":62F:C260310EUR1297,00\r\n-\r\n";

class StatementsApiTest : public ApiTest {
 protected:
  HttpResponse Upload(const std::string& body, const std::string& type, Role role = Role::kAdmin) {
    HttpRequest request;
    request.method = "POST";
    request.target = "/v1/statements";
    request.path = "/v1/statements";
    request.headers["authorization"] = "Bearer " + tokens_.at(role);
    if (!type.empty()) request.headers["content-type"] = type;
    request.body = body;
    return router_->Handle(request);
  }
  HttpResponse AsCollector(const std::string& method, const std::string& target,
                           const std::string& body = "") {
    return Call(method, target, tokens_.at(Role::kCollector), body);
  }
};

TEST_F(StatementsApiTest, UploadPostsMatchesAndQueuesTheRest) {
  SeedCustomerAndInvoice();
  ASSERT_EQ(Admin("POST", "/v1/invoices", R"({"invoices": [{"id": "INV-2", "customer": "C1",
                  "issued": "2026-03-01", "due": "2026-03-31", "amount": "40.00"},
                  {"id": "INV-3", "customer": "C1", "issued": "2026-03-01", "due": "2026-03-31",
                  "amount": "40.00"}]})")
                .status,
            200);
  HttpResponse response = Upload(kMt940, "text/plain");
  ASSERT_EQ(response.status, 200) << response.body;
  nlohmann::json body = Json(response);
  EXPECT_EQ(body["format"], "mt940");
  EXPECT_EQ(body["entries"], 3);
  EXPECT_EQ(body["posted"], 1);
  EXPECT_EQ(body["queued"], 2);
  EXPECT_EQ(Json(Admin("GET", "/v1/invoices/INV-1"))["status"], "paid");

  // The same file again: nothing new.
  body = Json(Upload(kMt940, ""));
  EXPECT_EQ(body["duplicates"], 3);
  EXPECT_EQ(body["posted"], 0);

  response = AsCollector("GET", "/v1/reconciliation?limit=1");
  ASSERT_EQ(response.status, 200) << response.body;
  body = Json(response);
  ASSERT_EQ(body["items"].size(), 1U);
  const nlohmann::json first = body["items"][0];
  EXPECT_EQ(first["state"], "queued");
  EXPECT_EQ(first["amount"], "40.00");
  EXPECT_FALSE(first["candidates"].empty());
  EXPECT_FALSE(body["next_after"].get<std::string>().empty());
  const std::string second_page =
      "/v1/reconciliation?after=" + body["next_after"].get<std::string>();
  const nlohmann::json second = Json(AsCollector("GET", second_page))["items"][0];
  EXPECT_EQ(second["amount"], "7.00");

  const std::string entry = std::to_string(first["id"].get<long long>());
  response = AsCollector("POST", "/v1/reconciliation/" + entry + "/allocate",
                         R"({"allocations": [{"invoice": "INV-3", "amount": "40.00"}]})");
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(Json(response)["state"], "allocated");
  EXPECT_EQ(Json(Admin("GET", "/v1/invoices/INV-3"))["status"], "paid");
  EXPECT_EQ(AsCollector("POST", "/v1/reconciliation/" + entry + "/dismiss", R"({"reason": "late"})")
                .status,
            409);

  const std::string other = std::to_string(second["id"].get<long long>());
  EXPECT_EQ(AsCollector("POST", "/v1/reconciliation/" + other + "/dismiss", R"({})").status, 400);
  response = AsCollector("POST", "/v1/reconciliation/" + other + "/dismiss",
                         R"({"reason": "interest, not a customer payment"})");
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(Json(response)["state"], "dismissed");
  EXPECT_TRUE(Json(AsCollector("GET", "/v1/reconciliation"))["items"].empty());
}

TEST_F(StatementsApiTest, AMalformedFileWritesNothingAndNamesTheLine) {
  SeedCustomerAndInvoice();
  const std::string before = Snapshot();
  HttpResponse response =
      Upload(":20:X\r\n:25:NL91ABNA0417164300\r\n:60F:C2603XXEUR0,00\r\n", "text/plain");
  EXPECT_EQ(response.status, 400);
  EXPECT_NE(Fields(response).find("line 3"), std::string::npos) << response.body;
  EXPECT_EQ(Upload("{}", "application/json").status, 400);
  EXPECT_EQ(Snapshot(), before);
  EXPECT_EQ(Upload(kMt940, "text/plain", Role::kColleague).status, 403);
}

TEST_F(StatementsApiTest, UnwiredStatementsAnswer503) {
  ApiContext context = *context_;
  context.statements = nullptr;
  Router router(MakeTokenAuthenticator(*store_));
  AddApiRoutes(router, context);
  HttpRequest request;
  request.method = "GET";
  request.target = "/v1/reconciliation";
  request.path = "/v1/reconciliation";
  request.headers["authorization"] = "Bearer " + tokens_.at(Role::kAdmin);
  EXPECT_EQ(router.Handle(request).status, 503);
}

}  // namespace
}  // namespace duly::daemon
