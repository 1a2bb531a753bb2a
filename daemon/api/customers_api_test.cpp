#include <string>

#include <gtest/gtest.h>

#include "daemon/api/api_test_fixture.h"

namespace duly::daemon {
namespace {

constexpr const char* kTwoCustomers = R"({"customers": [
  {"id": "C1", "name": "Bakkerij de Vries", "kind": "b2b", "email": "ap@devries.nl",
   "preferred_channels": ["email", "letter"], "credit_limit": "5000.00",
   "address": {"street": "Dorpsstraat 1", "postal_code": "1234 AB", "city": "Utrecht",
               "country": "NL"}},
  {"id": "C2", "name": "Jan Jansen", "kind": "b2c", "language": "en"}]})";

TEST_F(ApiTest, PostCustomersUpsertsAndAnswersTheSummary) {
  HttpResponse created =
      Call("POST", "/v1/customers", tokens_.at(Role::kIntegration), kTwoCustomers);
  ASSERT_EQ(created.status, 200) << created.body;
  EXPECT_EQ(Json(created), (nlohmann::json{{"created", 2}, {"updated", 0}, {"unchanged", 0}}));

  HttpResponse renamed = Admin("POST", "/v1/customers",
                               R"({"customers": [{"id": "C2", "name": "Jan Jansen-Smit",
                                   "kind": "b2c", "language": "en"}]})");
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(Json(renamed)["updated"], 1);

  nlohmann::json one = Json(Admin("GET", "/v1/customers/C1"));
  EXPECT_EQ(one["name"], "Bakkerij de Vries");
  EXPECT_EQ(one["credit_limit"], "5000.00");
  EXPECT_EQ(one["address"]["city"], "Utrecht");
  EXPECT_EQ(one["preferred_channels"], (nlohmann::json{"email", "letter"}));
  EXPECT_EQ(Json(Admin("GET", "/v1/customers/C2"))["name"], "Jan Jansen-Smit");
}

TEST_F(ApiTest, GetUnknownCustomerIs404) {
  HttpResponse response = Admin("GET", "/v1/customers/NOPE");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(Json(response)["error"]["code"], "not_found");
}

TEST_F(ApiTest, CustomerListPaginatesByKeyset) {
  ASSERT_EQ(Admin("POST", "/v1/customers", kTwoCustomers).status, 200);
  nlohmann::json first = Json(Admin("GET", "/v1/customers?limit=1"));
  ASSERT_EQ(first["items"].size(), 1U);
  EXPECT_EQ(first["items"][0]["id"], "C1");
  EXPECT_EQ(first["next_after"], "C1");
  nlohmann::json second = Json(Admin("GET", "/v1/customers?limit=1&after=C1"));
  ASSERT_EQ(second["items"].size(), 1U);
  EXPECT_EQ(second["items"][0]["id"], "C2");
  EXPECT_EQ(second["next_after"], "");  // the last page
}

TEST_F(ApiTest, BadLimitIs400NamingLimit) {
  for (const char* limit : {"0", "1001", "abc", "-1", "10x", ""}) {
    HttpResponse response = Admin("GET", std::string("/v1/customers?limit=") + limit);
    EXPECT_EQ(response.status, 400) << limit;
    EXPECT_EQ(Fields(response).rfind("limit: ", 0), 0U) << Fields(response);
  }
  EXPECT_EQ(Admin("GET", "/v1/customers?limit=1000").status, 200);
}

TEST_F(ApiTest, SqlMetacharactersAreStoredVerbatim) {
  const std::string name = "Robert'); DROP TABLE customers;-- \\\" %_ ; SELECT *";
  nlohmann::json body = {{"customers", {{{"id", "C'1;--"}, {"name", name}}}}};
  HttpResponse response = Admin("POST", "/v1/customers", body.dump());
  ASSERT_EQ(response.status, 200) << response.body;
  HttpResponse stored = Admin("GET", "/v1/customers/C%271%3B--");
  ASSERT_EQ(stored.status, 200) << stored.body;
  EXPECT_EQ(Json(stored)["name"], name);
  EXPECT_EQ(Json(stored)["id"], "C'1;--");
  EXPECT_EQ(Json(Admin("GET", "/v1/customers"))["items"].size(), 1U);
}

}  // namespace
}  // namespace duly::daemon
