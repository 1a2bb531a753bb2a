// DulydFixture: a real dulyd process on a fresh database for each test.
//
// Promise: SetUp creates an empty database (a SQLite file in a temp dir, or, in the *_pgtest
// binaries, a new PostgreSQL database on the server named by DULY_PG_TEST_DSN), starts dulyd on a
// free loopback port, and creates an admin token through the real `duly` CLI; TearDown stops the
// daemon. Without DULY_PG_TEST_DSN the PostgreSQL variant skips with a message.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/http_client.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace duly::testing {

enum class Backend { kSqlite, kPostgresql };

class DulydFixture : public ::testing::Test {
 protected:
  explicit DulydFixture(Backend backend) : backend_(backend) {}
  void SetUp() override;
  void TearDown() override;

  // Runs the duly CLI against this test's database.
  CommandResult Cli(std::vector<std::string> args);
  // Creates a token with `role` through the CLI and returns its secret.
  std::string CreateToken(const std::string& role);
  // (Re)starts the daemon on the same database; fails the test when it does not come up.
  void StartDaemon();

  Backend backend_;
  // Extra dulyd flags ("--test-clock", ...); set them in the derived fixture's constructor.
  std::vector<std::string> daemon_args_;
  TempDir dir_;
  std::string database_url_;
  std::unique_ptr<DaemonProcess> daemon_;
  std::unique_ptr<HttpClient> http_;  // authorised as admin
};

}  // namespace duly::testing
