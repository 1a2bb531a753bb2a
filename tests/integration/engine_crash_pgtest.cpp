// The engine crash test on PostgreSQL (DULY_PG_TEST_DSN, set by script/test): a fresh database,
// then the same run as engine_crash_test.cpp (see engine_crash_run.h).
#include <cstdlib>
#include <random>

#include <gtest/gtest.h>

#include "tests/integration/engine_crash_run.h"

namespace duly::testing {
namespace {

// A new database on the server of `dsn`; returns its URL.
std::string FreshDatabase(const std::string& dsn) {
  std::random_device device;
  std::string name = "duly_crash_" + std::to_string(device() % 1000000000U);
  CommandResult created =
      RunCommand({"/usr/bin/psql", dsn, "-v", "ON_ERROR_STOP=1", "-qc", "CREATE DATABASE " + name});
  EXPECT_EQ(created.exit_code, 0) << created.err;
  auto slash = dsn.rfind('/');
  auto query = dsn.find('?', slash);
  return dsn.substr(0, slash + 1) + name + (query == std::string::npos ? "" : dsn.substr(query));
}

TEST(EngineCrashPgTest, EveryStepRunsExactlyOnceAcrossKills) {
  const char* dsn = std::getenv("DULY_PG_TEST_DSN");
  if (dsn == nullptr || *dsn == '\0') {
    GTEST_SKIP() << "DULY_PG_TEST_DSN is not set; run under script/test (pg_virtualenv)";
  }
  std::string url = FreshDatabase(dsn);
  if (HasFailure()) return;
  TempDir dir;
  EngineCrashRun run(url, dir, EngineCrashPlan{});
  run.Load();
  if (HasFatalFailure()) return;
  run.RunWithKills();
  if (HasFatalFailure()) return;
  EXPECT_GE(run.figures().kills, 10) << "too few kills hit dulyd during a request";
  run.Verify();
}

}  // namespace
}  // namespace duly::testing
