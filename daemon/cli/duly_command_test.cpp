#include "daemon/cli/duly_command.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "daemon/cli/command_test_fixture.h"

namespace duly::daemon {
namespace {

using ::testing::HasSubstr;

class DulyCommandTest : public CommandTest {
 protected:
  int Run(const std::vector<std::string>& args) {
    std::vector<const char*> argv = {"duly"};
    for (const std::string& arg : args) argv.push_back(arg.c_str());
    return RunDulyCommand(static_cast<int>(argv.size()), argv.data(), clock_, out_, err_);
  }
};

TEST_F(DulyCommandTest, UsageErrorsExitWithTwo) {
  EXPECT_EQ(Run({}), kExitUsage);
  EXPECT_EQ(Run({"frobnicate"}), kExitUsage);
  EXPECT_EQ(Run({"import", "customers"}), kExitUsage);
  EXPECT_EQ(Run({"import", "suppliers", "x.csv"}), kExitUsage);
  EXPECT_EQ(Run({"token", "create", "--name", "x"}), kExitUsage);
  EXPECT_EQ(Run({"token", "revoke", "abc"}), kExitUsage);
}

TEST_F(DulyCommandTest, HelpExitsWithZero) {
  EXPECT_EQ(Run({"--help"}), kExitOk);
  EXPECT_THAT(out_.str(), HasSubstr("verify-history"));
}

TEST_F(DulyCommandTest, DatabaseFlagWorksBeforeAndAfterTheCommand) {
  const std::string url = "sqlite://" + dir_.File("cli.db");
  ASSERT_EQ(Run({"--database", url, "demo", "load"}), kExitOk) << err_.str();
  ClearOutput();
  ASSERT_EQ(Run({"export", "customers", "--database", url, "--output", dir_.File("c.csv")}),
            kExitOk)
      << err_.str();
  ASSERT_EQ(Run({"import", "customers", dir_.File("c.csv"), "--database", url}), kExitOk)
      << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("25 unchanged"));
  ClearOutput();
  EXPECT_EQ(Run({"verify-history", "--database", url}), kExitOk) << err_.str();
}

TEST_F(DulyCommandTest, FailuresExitWithOne) {
  const std::string url = "sqlite://" + dir_.File("cli.db");
  EXPECT_EQ(Run({"import", "customers", dir_.File("absent.csv"), "--database", url}), kExitFailure);
  EXPECT_EQ(Run({"verify-history", "--database", "mysql://nope"}), kExitFailure);
  EXPECT_THAT(err_.str(), HasSubstr("database URL"));
}

}  // namespace
}  // namespace duly::daemon
