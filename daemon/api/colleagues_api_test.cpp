#include <gtest/gtest.h>

#include "daemon/api/api_test_fixture.h"

namespace duly::daemon {
namespace {

TEST_F(ApiTest, ColleaguesUpsertListAndGet) {
  HttpResponse created = Call("POST", "/v1/colleagues", tokens_.at(Role::kIntegration),
                              R"({"colleagues": [
    {"id": "M1", "name": "Mia Manager", "role": "manager", "department": "credit",
     "email": "mia@example.nl"},
    {"id": "A1", "name": "Anna", "role": "collector", "manager": "M1", "notify": "sms",
     "phone": "+31612345678"}]})");
  ASSERT_EQ(created.status, 200) << created.body;
  EXPECT_EQ(Json(created)["created"], 2);

  nlohmann::json list = Json(Call("GET", "/v1/colleagues", tokens_.at(Role::kCollector)));
  ASSERT_EQ(list["items"].size(), 2U);
  EXPECT_EQ(list["items"][0]["id"], "A1");
  nlohmann::json anna = Json(Admin("GET", "/v1/colleagues/A1"));
  EXPECT_EQ(anna["manager"], "M1");
  EXPECT_EQ(anna["notify"], "sms");
  EXPECT_EQ(anna["active"], true);
  EXPECT_EQ(Admin("GET", "/v1/colleagues/ZZ").status, 404);
}

TEST_F(ApiTest, ColleagueWithUnknownManagerWritesNothing) {
  const std::string before = Snapshot();
  HttpResponse response =
      Admin("POST", "/v1/colleagues",
            R"({"colleagues": [{"id": "A1", "name": "Anna", "email": "anna@example.nl"},
                                                   {"id": "A2", "name": "Bo", "manager": "X9",
                                                    "email": "bo@example.nl"}]})");
  EXPECT_EQ(response.status, 400) << response.body;
  EXPECT_NE(Fields(response).find("/colleagues/1/manager"), std::string::npos) << Fields(response);
  EXPECT_EQ(Snapshot(), before);
}

}  // namespace
}  // namespace duly::daemon
