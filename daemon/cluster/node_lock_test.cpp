#include "daemon/cluster/node_lock.h"

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <unistd.h>

namespace duly::daemon {
namespace {

class NodeLockTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("duly_node_lock_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Database() const { return (dir_ / "duly.db").string(); }

  std::filesystem::path dir_;
};

TEST_F(NodeLockTest, ASecondNodeOnTheSameDatabaseIsRefusedWithThePidThatHoldsIt) {
  Result<NodeLock> first = LockSqliteNode(Database());
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_TRUE(first->held());

  Result<NodeLock> second = LockSqliteNode(Database());
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, ErrorCode::kConflict);
  EXPECT_NE(second.error().message.find("pid " + std::to_string(::getpid())), std::string::npos)
      << second.error().message;
  EXPECT_NE(second.error().message.find(Database()), std::string::npos);
  EXPECT_NE(second.error().message.find("PostgreSQL"), std::string::npos);
}

TEST_F(NodeLockTest, TheLockIsFreeAgainOnceTheHolderLetsGo) {
  {
    Result<NodeLock> first = LockSqliteNode(Database());
    ASSERT_TRUE(first);
  }
  Result<NodeLock> again = LockSqliteNode(Database());
  ASSERT_TRUE(again) << again.error().message;
  std::ifstream file(again->path());
  std::string pid;
  file >> pid;
  EXPECT_EQ(pid, std::to_string(::getpid()));
}

TEST_F(NodeLockTest, AMovedLockStaysHeldUntilItsLastOwnerGoes) {
  Result<NodeLock> first = LockSqliteNode(Database());
  ASSERT_TRUE(first);
  NodeLock moved = std::move(*first);
  EXPECT_FALSE(LockSqliteNode(Database()));
  moved = NodeLock();
  EXPECT_TRUE(LockSqliteNode(Database()));
}

TEST_F(NodeLockTest, AnInMemoryDatabaseNeedsNoLock) {
  Result<NodeLock> memory = LockSqliteNode(":memory:");
  ASSERT_TRUE(memory);
  EXPECT_FALSE(memory->held());
}

TEST_F(NodeLockTest, AFolderThatCannotHoldTheLockFileIsUnavailable) {
  Result<NodeLock> missing = LockSqliteNode((dir_ / "absent" / "duly.db").string());
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(missing.error().message.find("absent"), std::string::npos);
}

}  // namespace
}  // namespace duly::daemon
