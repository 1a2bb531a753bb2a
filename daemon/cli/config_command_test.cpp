#include "daemon/cli/config_command.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "daemon/cli/command_test_fixture.h"

namespace duly::daemon {
namespace {

using ::testing::HasSubstr;

class ConfigCommandTest : public CommandTest {};

TEST_F(ConfigCommandTest, AcceptsAValidFile) {
  const std::string path =
      WriteFile("dulyd.json", R"({"listen": "127.0.0.1:9090", "time_zone": "Europe/Brussels"})");
  EXPECT_EQ(RunConfigCheck(path, context_), kExitOk) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr(": valid"));
}

TEST_F(ConfigCommandTest, NamesEachProblem) {
  const std::string path = WriteFile("dulyd.json", R"({"listen": "nowhere", "colour": "red"})");
  EXPECT_EQ(RunConfigCheck(path, context_), kExitFailure);
  EXPECT_THAT(err_.str(), HasSubstr("/colour"));
  EXPECT_EQ(out_.str(), "");
  ClearOutput();
  EXPECT_EQ(RunConfigCheck(dir_.File("absent.json"), context_), kExitFailure);
}

}  // namespace
}  // namespace duly::daemon
