#include "daemon/store/singleton_lock.h"

#include <memory>

#include <gtest/gtest.h>

namespace duly::daemon {
namespace {

std::shared_ptr<Connections> MemoryDatabase() {
  Result<DatabaseUrl> url = DatabaseUrl::Parse("sqlite::memory:");
  return std::make_shared<Connections>(*url, StoreOptions{});
}

TEST(SingletonLockSqlite, TheOnlyNodeAlwaysRunsTheJob) {
  SingletonLock lock(MemoryDatabase());
  int runs = 0;
  for (int i = 0; i < 2; ++i) {
    Result<bool> ran = lock.RunAlone("print-batch", [&] {
      ++runs;
      return Status::Ok();
    });
    ASSERT_TRUE(ran);
    EXPECT_TRUE(*ran);
  }
  EXPECT_EQ(runs, 2);
}

TEST(SingletonLockSqlite, TheJobsFailureIsReturnedAsIs) {
  SingletonLock lock(MemoryDatabase());
  Result<bool> ran = lock.RunAlone("print-batch", [] { return Status(Unavailable("spool full")); });
  ASSERT_FALSE(ran);
  EXPECT_EQ(ran.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(ran.error().message, "spool full");
}

TEST(SingletonLock, KeysAreStablePerNameAndDifferAcrossNames) {
  EXPECT_EQ(SingletonLock::KeyOf("print-batch"), SingletonLock::KeyOf("print-batch"));
  EXPECT_NE(SingletonLock::KeyOf("print-batch"), SingletonLock::KeyOf("case-escalations"));
}

}  // namespace
}  // namespace duly::daemon
