#include "daemon/cli/migrate_command.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "daemon/cli/command_test_fixture.h"

namespace duly::daemon {
namespace {

using ::testing::HasSubstr;

class MigrateCommandTest : public CommandTest {};

TEST_F(MigrateCommandTest, FreshDatabaseMigratesOnceThenIsUpToDate) {
  CommandContext context{out_, err_, clock_, "sqlite://" + dir_.File("bare.db"), kExitOk};
  auto bare = context.OpenDatabase(/*migrate=*/false);
  ASSERT_NE(bare, nullptr) << err_.str();
  ASSERT_EQ(RunMigrate(*bare, /*status_only=*/true, context), kExitOk);
  EXPECT_THAT(out_.str(), HasSubstr("pending  0001_init"));

  ClearOutput();
  ASSERT_EQ(RunMigrate(*bare, /*status_only=*/false, context), kExitOk) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("applied 0001_init"));

  ClearOutput();
  ASSERT_EQ(RunMigrate(*bare, /*status_only=*/false, context), kExitOk);
  EXPECT_THAT(out_.str(), HasSubstr("0 migrations applied"));
  ClearOutput();
  ASSERT_EQ(RunMigrate(*bare, /*status_only=*/true, context), kExitOk);
  EXPECT_THAT(out_.str(), HasSubstr("applied  0001_init"));
  EXPECT_THAT(out_.str(), ::testing::Not(HasSubstr("pending")));
}

}  // namespace
}  // namespace duly::daemon
