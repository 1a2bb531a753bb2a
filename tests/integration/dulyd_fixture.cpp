#include "tests/integration/dulyd_fixture.h"

#include <chrono>
#include <cstdlib>
#include <random>

namespace duly::testing {
namespace {

std::string RandomSuffix() {
  std::random_device device;
  std::mt19937_64 random(device());
  return std::to_string(random() % 1000000000ULL);
}

}  // namespace

void DulydFixture::SetUp() {
  if (backend_ == Backend::kSqlite) {
    database_url_ = "sqlite://" + dir_.File("duly.db");
  } else {
    const char* dsn = std::getenv("DULY_PG_TEST_DSN");
    if (dsn == nullptr || *dsn == '\0') {
      GTEST_SKIP() << "DULY_PG_TEST_DSN is not set; run under script/test (pg_virtualenv)";
    }
    std::string base = dsn;
    std::string name = "duly_it_" + RandomSuffix();
    auto created = RunCommand(
        {"/usr/bin/psql", base, "-v", "ON_ERROR_STOP=1", "-qc", "CREATE DATABASE " + name});
    ASSERT_EQ(created.exit_code, 0) << created.err;
    auto slash = base.rfind('/');
    auto query = base.find('?', slash);
    database_url_ =
        base.substr(0, slash + 1) + name + (query == std::string::npos ? "" : base.substr(query));
  }
  auto migrated = Cli({"migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << migrated.err;
  StartDaemon();
  if (HasFatalFailure()) return;
  http_ = std::make_unique<HttpClient>(daemon_->base_url());
  http_->set_token(CreateToken("admin"));
}

void DulydFixture::TearDown() {
  if (daemon_) daemon_->Stop();
}

CommandResult DulydFixture::Cli(std::vector<std::string> args) {
  std::vector<std::string> argv = {DULY_CLI_PATH};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.push_back("--database");
  argv.push_back(database_url_);
  return RunCommand(argv);
}

std::string DulydFixture::CreateToken(const std::string& role) {
  auto made =
      Cli({"token", "create", "--role", role, "--name", role + "-" + RandomSuffix(), "--quiet"});
  EXPECT_EQ(made.exit_code, 0) << made.err;
  std::string secret = made.out;
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
  return secret;
}

void DulydFixture::StartDaemon() {
  std::vector<std::string> args = {"--database", database_url_};
  args.insert(args.end(), daemon_args_.begin(), daemon_args_.end());
  daemon_ = std::make_unique<DaemonProcess>(DULYD_PATH, args, dir_.File("dulyd.log"));
  std::string why;
  ASSERT_TRUE(daemon_->Start(&why)) << why;
  if (http_) http_->set_base_url(daemon_->base_url());
}

}  // namespace duly::testing
