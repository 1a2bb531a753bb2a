// The API suite against dulyd on SQLite.
#include <string>

#include <nlohmann/json.hpp>

#include "tests/integration/dulyd_api_suite.h"
#include "tests/integration/dulyd_engine_suite.h"

namespace duly::testing {
namespace {

class DulydSqliteTest : public DulydApiSuite {
 protected:
  DulydSqliteTest() : DulydApiSuite(Backend::kSqlite) {}
};

DULY_API_SUITE(DulydSqliteTest)

class DulydSqliteEngineTest : public DulydEngineSuite {
 protected:
  DulydSqliteEngineTest() : DulydEngineSuite(Backend::kSqlite, /*test_clock=*/false) {}
};

class DulydSqliteTestClockTest : public DulydEngineSuite {
 protected:
  DulydSqliteTestClockTest() : DulydEngineSuite(Backend::kSqlite, /*test_clock=*/true) {}
};

DULY_ENGINE_SUITE(DulydSqliteEngineTest, DulydSqliteTestClockTest)

// SQLite serves one node: a second dulyd on the same file exits at once naming the first, and
// the first keeps serving. The running node is listed, alive, by GET /v1/nodes.
TEST_F(DulydSqliteTest, ASecondNodeOnTheSameSqliteFileRefusesToStart) {
  DaemonProcess second(DULYD_PATH, {"--database", database_url_}, dir_.File("second.log"));
  std::string why;
  EXPECT_FALSE(second.Start(&why));
  EXPECT_NE(why.find("another dulyd"), std::string::npos) << why;
  EXPECT_NE(why.find("PostgreSQL"), std::string::npos) << why;

  HttpResult nodes = http_->Get("/v1/nodes");
  ASSERT_EQ(nodes.status, 200) << nodes.body;
  nlohmann::json body = nlohmann::json::parse(nodes.body);
  ASSERT_EQ(body["items"].size(), 1u) << nodes.body;
  EXPECT_EQ(body["items"][0]["alive"], true);
  EXPECT_EQ(body["items"][0]["pid"], daemon_->pid());
}

}  // namespace
}  // namespace duly::testing
