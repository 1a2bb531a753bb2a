// GET /v1/nodes: the registry's nodes as JSON, for operators only.
#include <string>

#include <gtest/gtest.h>

#include "daemon/api/api_test_fixture.h"

namespace duly::daemon {
namespace {

class NodesApiTest : public ApiTest {
 protected:
  // A router over the fixture's context with `list_nodes` wired.
  HttpResponse CallWithNodes(std::function<Result<std::vector<NodeStatus>>()> list_nodes,
                             Role role) {
    ApiContext context = *context_;
    context.list_nodes = std::move(list_nodes);
    Router router(MakeTokenAuthenticator(*store_));
    AddApiRoutes(router, context);
    HttpRequest request;
    request.method = "GET";
    request.target = request.path = "/v1/nodes";
    request.headers["authorization"] = "Bearer " + tokens_.at(role);
    return router.Handle(request);
  }
};

TEST_F(NodesApiTest, ListsEachNodeWithItsHeartbeatAndWhetherItIsAlive) {
  NodeStatus running;
  running.id = "db1:42:1";
  running.host = "db1";
  running.pid = 42;
  running.version = "0.4.0";
  running.started_at = FromEpochMillis(1'780'000'000'000);
  running.heartbeat_at = FromEpochMillis(1'780'000'010'000);
  running.alive = true;
  NodeStatus stopped = running;
  stopped.id = "db2:7:1";
  stopped.stopped_at = FromEpochMillis(1'780'000'020'000);
  stopped.alive = false;
  HttpResponse response = CallWithNodes(
      [&]() -> Result<std::vector<NodeStatus>> {
        return std::vector{running, stopped};
      },
      Role::kManager);
  ASSERT_EQ(response.status, 200) << response.body;
  nlohmann::json body = Json(response);
  ASSERT_EQ(body["items"].size(), 2u);
  EXPECT_EQ(body["items"][0]["id"], "db1:42:1");
  EXPECT_EQ(body["items"][0]["alive"], true);
  EXPECT_EQ(body["items"][0]["heartbeat_at"], "2026-05-28T20:26:50.000Z");
  EXPECT_FALSE(body["items"][0].contains("stopped_at"));
  EXPECT_EQ(body["items"][1]["alive"], false);
  EXPECT_EQ(body["items"][1]["stopped_at"], "2026-05-28T20:27:00.000Z");
}

TEST_F(NodesApiTest, CollectorsMayNotSeeTheNodesAndAnUnwiredRegistryIs503) {
  auto none = []() -> Result<std::vector<NodeStatus>> { return std::vector<NodeStatus>{}; };
  EXPECT_EQ(CallWithNodes(none, Role::kCollector).status, 403);
  EXPECT_EQ(Admin("GET", "/v1/nodes").status, 200);
  EXPECT_EQ(CallWithNodes(nullptr, Role::kAdmin).status, 503);
  auto down = []() -> Result<std::vector<NodeStatus>> { return Unavailable("database gone"); };
  EXPECT_EQ(CallWithNodes(down, Role::kAdmin).status, 503);
}

}  // namespace
}  // namespace duly::daemon
