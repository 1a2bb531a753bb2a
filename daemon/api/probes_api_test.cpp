#include <gtest/gtest.h>

#include "daemon/api/api_test_fixture.h"

namespace duly::daemon {
namespace {

TEST_F(ApiTest, HealthzAnswersWithoutToken) {
  HttpResponse response = Call("GET", "/healthz", "");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(Json(response)["status"], "ok");
}

TEST_F(ApiTest, ReadyzFollowsAcceptingAndTheStore) {
  EXPECT_EQ(Call("GET", "/readyz", "").status, 200);
  accepting_ = false;
  HttpResponse draining = Call("GET", "/readyz", "");
  EXPECT_EQ(draining.status, 503);
  EXPECT_EQ(Json(draining)["error"]["code"], "unavailable");
}

TEST_F(ApiTest, MetricsServesTheServersText) {
  HttpResponse response = Call("GET", "/metrics", "");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "duly_requests_total 7\n");
  EXPECT_EQ(response.content_type.rfind("text/plain", 0), 0U);
}

TEST_F(ApiTest, OpenApiIsServedSelfContained) {
  HttpResponse response = Call("GET", "/v1/openapi.json", "");
  ASSERT_EQ(response.status, 200);
  nlohmann::json document = Json(response);
  EXPECT_EQ(document["openapi"], "3.0.3");
  EXPECT_TRUE(document["components"]["schemas"].contains("invoices"));
  EXPECT_TRUE(document["components"]["schemas"].contains("common.amount"));
  // Every $ref points inside the document and resolves.
  std::vector<std::string> refs;
  std::function<void(const nlohmann::json&)> collect = [&](const nlohmann::json& node) {
    if (node.is_object()) {
      for (const auto& [key, value] : node.items()) {
        if (key == "$ref" && value.is_string()) {
          refs.push_back(value.get<std::string>());
        } else {
          collect(value);
        }
      }
    } else if (node.is_array()) {
      for (const auto& item : node) collect(item);
    }
  };
  collect(document);
  ASSERT_FALSE(refs.empty());
  for (const std::string& ref : refs) {
    ASSERT_EQ(ref.rfind("#/", 0), 0U) << ref;
    EXPECT_TRUE(document.contains(nlohmann::json::json_pointer(ref.substr(1)))) << ref;
  }
}

}  // namespace
}  // namespace duly::daemon
