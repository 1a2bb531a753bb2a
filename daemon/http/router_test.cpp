#include "daemon/http/router.h"

#include <stdexcept>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace duly::daemon {
namespace {

using ::testing::HasSubstr;

// Two tokens: "manager-secret" (manager) and "collector-secret" (collector); anything else is
// unknown; "db-down" simulates an unreachable store.
Result<Principal> Authenticate(const std::string& secret) {
  if (secret == "manager-secret") return Principal{"anna", Role::kManager};
  if (secret == "collector-secret") return Principal{"bob", Role::kCollector};
  if (secret == "admin-secret") return Principal{"root", Role::kAdmin};
  if (secret == "db-down") return Unavailable("database unreachable");
  return Error{ErrorCode::kUnauthenticated, "unknown token", {}};
}

HttpRequest Request(std::string method, std::string target, std::string secret = "") {
  HttpRequest request;
  request.method = std::move(method);
  request.target = target;
  request.path = target.substr(0, target.find('?'));
  if (!secret.empty()) request.headers["authorization"] = "Bearer " + secret;
  return request;
}

std::string Header(const HttpResponse& response, const std::string& name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return "";
}

class RouterTest : public ::testing::Test {
 protected:
  RouterTest() : router_(Authenticate) {
    router_.Add("GET", "/healthz", {},
                [](const RouteContext&) { return JsonResponse(R"({"status":"ok"})"); });
    router_.Add("GET", "/v1/customers/{id}", {Role::kManager, Role::kCollector},
                [](const RouteContext& context) {
                  nlohmann::json body = {{"id", context.params.at("id")},
                                         {"caller", context.principal->name}};
                  return JsonResponse(body.dump());
                });
    router_.Add("PUT", "/v1/customers/{id}", {Role::kManager},
                [](const RouteContext&) { return JsonResponse("{}", 204); });
    router_.Add("GET", "/v1/customers/{id}/history", {Role::kManager},
                [](const RouteContext& context) {
                  return JsonResponse(nlohmann::json{{"id", context.params.at("id")}}.dump());
                });
    router_.Add("GET", "/v1/boom", {}, [](const RouteContext&) -> HttpResponse {
      throw std::runtime_error("secret connection string");
    });
  }
  Router router_;
};

TEST_F(RouterTest, PublicRouteNeedsNoToken) {
  const HttpResponse response = router_.Handle(Request("GET", "/healthz"));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, R"({"status":"ok"})");
}

TEST_F(RouterTest, MissingTokenIs401WithChallenge) {
  const HttpResponse response = router_.Handle(Request("GET", "/v1/customers/C1"));
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(Header(response, "WWW-Authenticate"), "Bearer");
  EXPECT_EQ(nlohmann::json::parse(response.body)["error"]["code"], "unauthenticated");
}

TEST_F(RouterTest, UnknownTokenAndWrongSchemeAre401) {
  EXPECT_EQ(router_.Handle(Request("GET", "/v1/customers/C1", "nope")).status, 401);
  HttpRequest basic = Request("GET", "/v1/customers/C1");
  basic.headers["authorization"] = "Basic bWFuYWdlci1zZWNyZXQ=";
  EXPECT_EQ(router_.Handle(basic).status, 401);
}

TEST_F(RouterTest, SchemeIsCaseInsensitive) {
  HttpRequest request = Request("GET", "/v1/customers/C1");
  request.headers["authorization"] = "bearer manager-secret";
  EXPECT_EQ(router_.Handle(request).status, 200);
}

TEST_F(RouterTest, UnreachableAuthStoreIs503) {
  EXPECT_EQ(router_.Handle(Request("GET", "/v1/customers/C1", "db-down")).status, 503);
}

TEST_F(RouterTest, WrongRoleIs403) {
  const HttpResponse response =
      router_.Handle(Request("PUT", "/v1/customers/C1", "collector-secret"));
  EXPECT_EQ(response.status, 403);
  EXPECT_EQ(nlohmann::json::parse(response.body)["error"]["code"], "permission_denied");
}

TEST_F(RouterTest, AdmittedRoleReachesHandlerWithParamsAndPrincipal) {
  const HttpResponse response =
      router_.Handle(Request("GET", "/v1/customers/C1", "collector-secret"));
  ASSERT_EQ(response.status, 200);
  const auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["id"], "C1");
  EXPECT_EQ(body["caller"], "bob");
}

TEST_F(RouterTest, AdminIsAdmittedEverywhere) {
  EXPECT_EQ(router_.Handle(Request("PUT", "/v1/customers/C1", "admin-secret")).status, 204);
  EXPECT_EQ(router_.Handle(Request("GET", "/v1/customers/C1/history", "admin-secret")).status, 200);
}

TEST_F(RouterTest, ParametersArePercentDecodedAfterSplitting) {
  const HttpResponse response =
      router_.Handle(Request("GET", "/v1/customers/A%2FB%20%C3%A9/history", "manager-secret"));
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(nlohmann::json::parse(response.body)["id"], "A/B \xC3\xA9");
}

TEST_F(RouterTest, UnknownPathIs404) {
  EXPECT_EQ(router_.Handle(Request("GET", "/v1/nothing", "manager-secret")).status, 404);
  EXPECT_EQ(router_.Handle(Request("GET", "/v1/customers", "manager-secret")).status, 404);
  EXPECT_EQ(router_.Handle(Request("GET", "/v1/customers/C1/history/x")).status, 404);
  EXPECT_EQ(router_.Handle(Request("GET", "/v1/customers//history", "manager-secret")).status, 404);
}

TEST_F(RouterTest, KnownPathUnknownMethodIs405WithAllow) {
  const HttpResponse response = router_.Handle(Request("DELETE", "/v1/customers/C1"));
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(Header(response, "Allow"), "GET, PUT");
}

TEST_F(RouterTest, HandlerExceptionIsGeneric500) {
  const HttpResponse response = router_.Handle(Request("GET", "/v1/boom"));
  EXPECT_EQ(response.status, 500);
  EXPECT_THAT(response.body, Not(HasSubstr("secret connection string")));
  EXPECT_EQ(nlohmann::json::parse(response.body)["error"]["code"], "internal");
}

TEST_F(RouterTest, MatchedPatternLabelsRequests) {
  EXPECT_EQ(router_.MatchedPattern(Request("GET", "/v1/customers/C9?x=1")), "/v1/customers/{id}");
  EXPECT_EQ(router_.MatchedPattern(Request("DELETE", "/v1/customers/C9")), "/v1/customers/{id}");
  EXPECT_EQ(router_.MatchedPattern(Request("GET", "/v1/customers/C9/history")),
            "/v1/customers/{id}/history");
  EXPECT_EQ(router_.MatchedPattern(Request("GET", "/v1/what")), "unmatched");
}

TEST_F(RouterTest, RoutesListsRegistrationOrder) {
  const std::vector<RouteInfo> routes = router_.Routes();
  ASSERT_EQ(routes.size(), 5u);
  EXPECT_EQ(routes[0].pattern, "/healthz");
  EXPECT_TRUE(routes[0].roles.empty());
  EXPECT_EQ(routes[2].method, "PUT");
  EXPECT_EQ(routes[2].roles, std::set<Role>{Role::kManager});
}

TEST(RouterDeathTest, DuplicateRouteAborts) {
  Router router(Authenticate);
  router.Add("GET", "/a", {}, [](const RouteContext&) { return JsonResponse("{}"); });
  EXPECT_DEATH(router.Add("GET", "/a", {}, [](const RouteContext&) { return JsonResponse("{}"); }),
               "");
}

}  // namespace
}  // namespace duly::daemon
