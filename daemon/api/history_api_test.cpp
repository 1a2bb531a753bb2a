#include <string>

#include <gtest/gtest.h>

#include "daemon/api/api_test_fixture.h"

namespace duly::daemon {
namespace {

TEST_F(ApiTest, HistoryListsTheCustomersEventsOldestFirst) {
  SeedCustomerAndInvoice();
  HttpResponse response = Call("GET", "/v1/customers/C1/history", tokens_.at(Role::kColleague));
  ASSERT_EQ(response.status, 200) << response.body;
  nlohmann::json page = Json(response);
  ASSERT_GE(page["items"].size(), 2U);
  const nlohmann::json& first = page["items"][0];
  EXPECT_EQ(first["customer"], "C1");
  EXPECT_EQ(first["at"], "2026-03-10T08:00:00.000Z");
  EXPECT_EQ(first["actor"], "token:admin-test");
  EXPECT_EQ(first["hash"].get<std::string>().size(), 64U);
  EXPECT_LT(first["seq"].get<std::int64_t>(), page["items"][1]["seq"].get<std::int64_t>());

  nlohmann::json one = Json(Admin("GET", "/v1/customers/C1/history?limit=1"));
  ASSERT_EQ(one["items"].size(), 1U);
  const std::string after = one["next_after"];
  EXPECT_EQ(after, std::to_string(first["seq"].get<std::int64_t>()));
  nlohmann::json next = Json(Admin("GET", "/v1/customers/C1/history?limit=1&after=" + after));
  ASSERT_EQ(next["items"].size(), 1U);
  EXPECT_EQ(next["items"][0]["seq"], page["items"][1]["seq"]);
}

TEST_F(ApiTest, HistoryOfUnknownCustomerIs404AndBadAfterIs400) {
  EXPECT_EQ(Admin("GET", "/v1/customers/NOPE/history").status, 404);
  SeedCustomerAndInvoice();
  HttpResponse bad = Admin("GET", "/v1/customers/C1/history?after=abc");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Fields(bad).rfind("after: ", 0), 0U);
}

}  // namespace
}  // namespace duly::daemon
