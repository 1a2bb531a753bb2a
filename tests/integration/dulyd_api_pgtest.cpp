// The API suite against dulyd on PostgreSQL (DULY_PG_TEST_DSN, set by script/test).
#include "tests/integration/dulyd_api_suite.h"
#include "tests/integration/dulyd_engine_suite.h"

namespace duly::testing {
namespace {

class DulydPostgresTest : public DulydApiSuite {
 protected:
  DulydPostgresTest() : DulydApiSuite(Backend::kPostgresql) {}
};

DULY_API_SUITE(DulydPostgresTest)

class DulydPostgresEngineTest : public DulydEngineSuite {
 protected:
  DulydPostgresEngineTest() : DulydEngineSuite(Backend::kPostgresql, /*test_clock=*/false) {}
};

class DulydPostgresTestClockTest : public DulydEngineSuite {
 protected:
  DulydPostgresTestClockTest() : DulydEngineSuite(Backend::kPostgresql, /*test_clock=*/true) {}
};

DULY_ENGINE_SUITE(DulydPostgresEngineTest, DulydPostgresTestClockTest)

}  // namespace
}  // namespace duly::testing
