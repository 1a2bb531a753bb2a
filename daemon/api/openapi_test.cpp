// The routes AddApiRoutes registers and the operations of schemas/openapi.json match in both
// directions, roles included.
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "daemon/api/api_test_fixture.h"
#include "schemas/files.h"

namespace duly::daemon {
namespace {

using nlohmann::json;

const std::set<std::string> kMethods = {"get", "put", "post", "delete", "patch", "head", "options"};

json OpenApi() { return json::parse(schemas::Files().at("openapi.json")); }

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::set<std::string> RoleNames(const std::set<Role>& roles) {
  std::set<std::string> names;
  for (Role role : roles) names.insert(RoleName(role));
  return names;
}

TEST_F(ApiTest, EveryRouteIsAnOpenApiOperationWithTheSameRoles) {
  const json paths = OpenApi().at("paths");
  ASSERT_FALSE(router_->Routes().empty());
  for (const RouteInfo& route : router_->Routes()) {
    SCOPED_TRACE(route.method + " " + route.pattern);
    ASSERT_TRUE(paths.contains(route.pattern));
    const std::string method = Lower(route.method);
    ASSERT_TRUE(paths[route.pattern].contains(method));
    const json& operation = paths[route.pattern][method];
    ASSERT_TRUE(operation.contains("x-duly-roles"));
    EXPECT_EQ(operation["x-duly-roles"].get<std::set<std::string>>(), RoleNames(route.roles));
    if (route.roles.empty()) {
      EXPECT_EQ(operation.value("security", json()), json::array()) << "public: security []";
    } else {
      EXPECT_FALSE(operation.contains("security")) << "protected: the global bearer security";
      EXPECT_TRUE(operation["responses"].contains("401"));
      EXPECT_TRUE(operation["responses"].contains("403"));
      EXPECT_TRUE(route.roles.contains(Role::kAdmin)) << "admin is admitted everywhere";
    }
    EXPECT_TRUE(operation["responses"].contains("200"));
  }
}

TEST_F(ApiTest, EveryOpenApiOperationIsARoute) {
  std::set<std::string> routes;
  for (const RouteInfo& route : router_->Routes())
    routes.insert(Lower(route.method) + " " + route.pattern);
  int operations = 0;
  const json document = OpenApi();
  for (const auto& [path, item] : document.at("paths").items()) {
    for (const auto& [method, operation] : item.items()) {
      if (!kMethods.contains(method)) continue;
      ++operations;
      EXPECT_TRUE(routes.contains(method + " " + path)) << method << " " << path;
      EXPECT_TRUE(operation.contains("operationId")) << method << " " << path;
    }
  }
  EXPECT_EQ(operations, static_cast<int>(routes.size()));
}

TEST_F(ApiTest, OpenApiRequestBodiesNameEmbeddedSchemas) {
  const json document = OpenApi();
  for (const auto& [path, item] : document.at("paths").items()) {
    // An action without a body (POST /v1/letters/print) has no schema to name.
    if (!item.contains("post") || !item["post"].contains("requestBody")) continue;
    // JSON bodies, or the form bodies providers post to webhooks (described by a schema too).
    const json& content = item["post"]["requestBody"]["content"];
    // Raw document uploads (application/xml) are described inline as a string, not by a file.
    if (!content.contains("application/json") &&
        !content.contains("application/x-www-form-urlencoded")) {
      continue;
    }
    const std::string type = content.contains("application/json")
                                 ? "application/json"
                                 : "application/x-www-form-urlencoded";
    const std::string ref = content.at(type).at("schema").at("$ref");
    EXPECT_TRUE(schemas::Files().contains(ref)) << path << " -> " << ref;
  }
}

}  // namespace
}  // namespace duly::daemon
