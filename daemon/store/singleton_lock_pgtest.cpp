// SingletonLock on PostgreSQL: two nodes (two sets of connections to one database) never run the
// same job at once, and a node that dies mid-job leaves the job to the others. Skipped without
// DULY_PG_TEST_DSN (see soci_store_pgtest.cpp for how to run it).
#include <cstdlib>
#include <memory>

#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include "daemon/store/singleton_lock.h"

namespace duly::daemon {
namespace {

class SingletonLockPostgres : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* dsn = std::getenv("DULY_PG_TEST_DSN");
    if (dsn == nullptr || *dsn == '\0') GTEST_SKIP() << "DULY_PG_TEST_DSN is not set";
    Result<DatabaseUrl> url = DatabaseUrl::Parse(dsn);
    ASSERT_TRUE(url) << url.error().message;
    url_ = *url;
  }
  std::shared_ptr<Connections> Node() {
    StoreOptions options;
    options.pool_size = 2;
    return std::make_shared<Connections>(url_, options);
  }
  DatabaseUrl url_;
};

TEST_F(SingletonLockPostgres, ASecondNodeSkipsAJobTheFirstIsRunning) {
  SingletonLock first(Node());
  SingletonLock second(Node());
  bool inner_ran = true;
  Result<bool> outer = first.RunAlone("print-batch", [&] {
    Result<bool> inner = second.RunAlone("print-batch", [] { return Status::Ok(); });
    EXPECT_TRUE(inner) << inner.error().message;
    inner_ran = inner && *inner;
    // Another job name is not held by this one.
    Result<bool> other = second.RunAlone("case-escalations", [] { return Status::Ok(); });
    EXPECT_TRUE(other && *other);
    return Status::Ok();
  });
  ASSERT_TRUE(outer) << outer.error().message;
  EXPECT_TRUE(*outer);
  EXPECT_FALSE(inner_ran);
  // Once the first node has finished, the second runs the job.
  Result<bool> after = second.RunAlone("print-batch", [] { return Status::Ok(); });
  ASSERT_TRUE(after);
  EXPECT_TRUE(*after);
}

TEST_F(SingletonLockPostgres, AFailingJobStillReleasesTheLock) {
  SingletonLock node(Node());
  Result<bool> failed =
      node.RunAlone("plan-round", [] { return Status(Unavailable("provider down")); });
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().message, "provider down");
  SingletonLock other(Node());
  Result<bool> again = other.RunAlone("plan-round", [] { return Status::Ok(); });
  ASSERT_TRUE(again);
  EXPECT_TRUE(*again);
}

TEST_F(SingletonLockPostgres, ANodeThatDiesMidJobLeavesTheJobToTheOthers) {
  long long key = SingletonLock::KeyOf("management-report");
  {
    // A node's session holding the lock, then gone (as when its process is killed).
    soci::session dying(soci::postgresql, url_.soci_connect);
    dying << "SELECT pg_advisory_lock(:key)", soci::use(key, "key");
    SingletonLock node(Node());
    Result<bool> blocked = node.RunAlone("management-report", [] { return Status::Ok(); });
    ASSERT_TRUE(blocked);
    EXPECT_FALSE(*blocked);
  }
  SingletonLock node(Node());
  Result<bool> taken_over = node.RunAlone("management-report", [] { return Status::Ok(); });
  ASSERT_TRUE(taken_over);
  EXPECT_TRUE(*taken_over);
}

}  // namespace
}  // namespace duly::daemon
