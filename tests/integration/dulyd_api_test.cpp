// The API suite against dulyd on SQLite.
#include "tests/integration/dulyd_api_suite.h"

namespace duly::testing {
namespace {

class DulydSqliteTest : public DulydApiSuite {
 protected:
  DulydSqliteTest() : DulydApiSuite(Backend::kSqlite) {}
};

DULY_API_SUITE(DulydSqliteTest)

}  // namespace
}  // namespace duly::testing
