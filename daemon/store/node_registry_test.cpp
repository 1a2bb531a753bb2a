#include "daemon/store/node_registry.h"

#include <chrono>
#include <memory>

#include <gtest/gtest.h>

#include "daemon/store/soci_store.h"

namespace duly::daemon {
namespace {

using std::chrono::seconds;

class NodeRegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<SociStore>> opened =
        OpenStore(*DatabaseUrl::Parse("sqlite::memory:"), clock_);
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::move(*opened);
    registry_ = std::make_unique<NodeRegistry>(store_->SharedConnections(), clock_, seconds(30),
                                               std::chrono::hours(1));
  }
  NodeStatus Node(const std::string& id) {
    NodeStatus node;
    node.id = id;
    node.host = "db1";
    node.pid = 42;
    node.version = "0.4.0";
    return node;
  }

  ManualClock clock_{FromEpochMillis(1'780'000'000'000)};
  std::unique_ptr<SociStore> store_;
  std::unique_ptr<NodeRegistry> registry_;
};

TEST_F(NodeRegistryTest, ANodeIsAliveWhileItsHeartBeats) {
  ASSERT_TRUE(registry_->Register(Node("db1:42:1")));
  clock_.Set(clock_.Now() + seconds(25));
  ASSERT_TRUE(registry_->Heartbeat("db1:42:1"));
  clock_.Set(clock_.Now() + seconds(25));
  Result<std::vector<NodeStatus>> nodes = registry_->List();
  ASSERT_TRUE(nodes) << nodes.error().message;
  ASSERT_EQ(nodes->size(), 1u);
  EXPECT_TRUE(nodes->front().alive);
  EXPECT_EQ(nodes->front().host, "db1");
  EXPECT_EQ(nodes->front().pid, 42);
  EXPECT_EQ(nodes->front().version, "0.4.0");
}

TEST_F(NodeRegistryTest, ASilentNodeIsDeadAndAStoppedOneSaysWhen) {
  ASSERT_TRUE(registry_->Register(Node("crashed")));
  ASSERT_TRUE(registry_->Register(Node("stopped")));
  ASSERT_TRUE(registry_->Stop("stopped"));
  clock_.Set(clock_.Now() + seconds(31));
  Result<std::vector<NodeStatus>> nodes = registry_->List();
  ASSERT_TRUE(nodes);
  ASSERT_EQ(nodes->size(), 2u);
  for (const NodeStatus& node : *nodes) {
    EXPECT_FALSE(node.alive) << node.id;
    EXPECT_EQ(node.stopped_at.has_value(), node.id == "stopped") << node.id;
  }
}

TEST_F(NodeRegistryTest, AHeartbeatOfAnUnknownNodeIsNotFoundAndOldNodesAreForgotten) {
  Status beat = registry_->Heartbeat("ghost");
  ASSERT_FALSE(beat);
  EXPECT_EQ(beat.error().code, ErrorCode::kNotFound);

  ASSERT_TRUE(registry_->Register(Node("old")));
  clock_.Set(clock_.Now() + std::chrono::hours(2));
  ASSERT_TRUE(registry_->Register(Node("new")));
  ASSERT_TRUE(registry_->Heartbeat("new"));
  Result<std::vector<NodeStatus>> nodes = registry_->List();
  ASSERT_TRUE(nodes);
  ASSERT_EQ(nodes->size(), 1u);
  EXPECT_EQ(nodes->front().id, "new");
}

TEST_F(NodeRegistryTest, RegisteringAgainRevivesAStoppedNode) {
  ASSERT_TRUE(registry_->Register(Node("n")));
  ASSERT_TRUE(registry_->Stop("n"));
  ASSERT_TRUE(registry_->Register(Node("n")));
  Result<std::vector<NodeStatus>> nodes = registry_->List();
  ASSERT_TRUE(nodes);
  ASSERT_EQ(nodes->size(), 1u);
  EXPECT_TRUE(nodes->front().alive);
  EXPECT_FALSE(nodes->front().stopped_at);
  EXPECT_FALSE(registry_->Register(NodeStatus{}));
}

}  // namespace
}  // namespace duly::daemon
