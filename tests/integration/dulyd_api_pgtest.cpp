// The API suite against dulyd on PostgreSQL (DULY_PG_TEST_DSN, set by script/test).
#include "tests/integration/dulyd_api_suite.h"

namespace duly::testing {
namespace {

class DulydPostgresTest : public DulydApiSuite {
 protected:
  DulydPostgresTest() : DulydApiSuite(Backend::kPostgresql) {}
};

DULY_API_SUITE(DulydPostgresTest)

}  // namespace
}  // namespace duly::testing
