// The API suite against dulyd on SQLite.
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

}  // namespace
}  // namespace duly::testing
