// The store conformance suite on PostgreSQL: each test runs in a fresh schema
// duly_test_<random> of the database named by DULY_PG_TEST_DSN (a postgresql:// URL), selected
// with the connection option search_path, and dropped afterwards. Without DULY_PG_TEST_DSN every
// test is skipped with a message saying how to run them.
#include <cstdlib>
#include <random>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include "daemon/store/store_conformance.h"

namespace duly::daemon {
namespace {

std::string SchemaOf(const std::string& url) {
  const std::string marker = "search_path%3D";
  return url.substr(url.rfind(marker) + marker.size());
}

void AdminSql(const std::string& sql) {
  auto dsn = DatabaseUrl::Parse(std::getenv("DULY_PG_TEST_DSN"));
  soci::session session(soci::postgresql, dsn->soci_connect);
  session << sql;
}

StoreTarget PostgresTarget() {
  StoreTarget target;
  target.name = "postgresql";
  target.create = [](std::string& skip_reason) -> std::string {
    const char* dsn = std::getenv("DULY_PG_TEST_DSN");
    if (dsn == nullptr || *dsn == '\0') {
      skip_reason =
          "DULY_PG_TEST_DSN is not set; run e.g. pg_virtualenv -t sh -c "
          "'DULY_PG_TEST_DSN=\"postgresql://$PGUSER:$PGPASSWORD@$PGHOST:${PGPORT:-5432}/postgres\""
          " ./duly_store_pgtest'";
      return "";
    }
    auto parsed = DatabaseUrl::Parse(dsn);
    if (!parsed || parsed->kind != DatabaseKind::kPostgresql) {
      skip_reason = "DULY_PG_TEST_DSN is not a postgresql:// URL";
      return "";
    }
    std::random_device device;
    const std::string schema = "duly_test_" + std::to_string(device()) + std::to_string(device());
    AdminSql("CREATE SCHEMA " + schema);
    const std::string url(dsn);
    return url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-c%20search_path%3D" +
           schema;
  };
  target.drop = [](const std::string& url) {
    AdminSql("DROP SCHEMA " + SchemaOf(url) + " CASCADE");
  };
  return target;
}

// A store whose connections the server drops recovers on its own: the failing call reports
// kUnavailable or kInternal, later calls work again.
TEST(SociStorePostgres, ReconnectsAfterTheServerDropsTheConnection) {
  StoreTarget target = PostgresTarget();
  std::string skip;
  std::string url_text = target.create(skip);
  if (url_text.empty()) GTEST_SKIP() << skip;
  const std::string application = "duly_drop_" + SchemaOf(url_text);
  auto url = DatabaseUrl::Parse(url_text + "&application_name=" + application);
  ASSERT_TRUE(url) << url.error().message;
  ManualClock clock(FromEpochMillis(0));
  StoreOptions options;
  options.pool_size = 1;
  auto store = OpenStore(*url, clock, options);
  ASSERT_TRUE(store) << store.error().message;
  ASSERT_TRUE((*store)->Ping());
  AdminSql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '" +
           application + "'");
  Status first = (*store)->Ping();
  ASSERT_FALSE(first);
  EXPECT_EQ(first.error().code, ErrorCode::kUnavailable);
  Status second = (*store)->Ping();
  EXPECT_TRUE(second) << second.error().message;
  Customer customer;
  customer.id = "C1";
  customer.name = "After reconnect";
  EXPECT_TRUE((*store)->UpsertCustomers({customer}, {"test"}));
  store->reset();
  target.drop(url_text);
}

INSTANTIATE_TEST_SUITE_P(Postgres, StoreConformance, ::testing::Values(PostgresTarget()),
                         [](const auto& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace duly::daemon
