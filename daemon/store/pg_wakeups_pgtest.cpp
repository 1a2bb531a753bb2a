// PgWakeups on PostgreSQL: a commit that adds a timer or an outbox message wakes the listener
// (the triggers of migration 0012), and a listener whose connection is killed comes back and
// wakes both loops. Skipped without DULY_PG_TEST_DSN (see soci_store_pgtest.cpp).
#include <condition_variable>
#include <cstdlib>
#include <map>
#include <mutex>
#include <random>

#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include "daemon/store/pg_wakeups.h"
#include "daemon/store/soci_store.h"

namespace duly::daemon {
namespace {

// Counts wake-ups per channel; Await waits (bounded) for one more on a channel.
class WakeCounter {
 public:
  void Wake(const std::string& channel) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++seen_[channel];
    changed_.notify_all();
  }
  int Count(const std::string& channel) {
    std::lock_guard<std::mutex> lock(mutex_);
    return seen_[channel];
  }
  bool AwaitMoreThan(const std::string& channel, int before) {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(15),
                             [&] { return seen_[channel] > before; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::string, int> seen_;
};

class PgWakeupsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* dsn = std::getenv("DULY_PG_TEST_DSN");
    if (dsn == nullptr || *dsn == '\0') GTEST_SKIP() << "DULY_PG_TEST_DSN is not set";
    admin_ = *DatabaseUrl::Parse(dsn);
    std::random_device device;
    schema_ = "duly_test_" + std::to_string(device()) + std::to_string(device());
    Sql(admin_, "CREATE SCHEMA " + schema_);
    const std::string url(dsn);
    url_ = *DatabaseUrl::Parse(url + (url.find('?') == std::string::npos ? "?" : "&") +
                               "options=-c%20search_path%3D" + schema_);
    Result<std::unique_ptr<SociStore>> store = OpenStore(url_, clock_);  // migrates: triggers
    ASSERT_TRUE(store) << store.error().message;
  }
  void TearDown() override {
    if (!schema_.empty()) Sql(admin_, "DROP SCHEMA " + schema_ + " CASCADE");
  }
  static void Sql(const DatabaseUrl& url, const std::string& sql) {
    soci::session session(soci::postgresql, url.soci_connect);
    session << sql;
  }
  // Waits until the listener has its LISTEN in place (bounded).
  static void AwaitListening(const PgWakeups& wakeups) {
    for (int i = 0; i < 300 && !wakeups.listening(); ++i) {
      std::mutex mutex;
      std::unique_lock<std::mutex> lock(mutex);
      std::condition_variable().wait_for(lock, std::chrono::milliseconds(50));
    }
    ASSERT_TRUE(wakeups.listening());
  }

  ManualClock clock_{FromEpochMillis(1'780'000'000'000)};
  DatabaseUrl admin_;
  DatabaseUrl url_;
  std::string schema_;
};

TEST_F(PgWakeupsTest, ACommittedTimerOrMessageWakesTheListener) {
  WakeCounter counter;
  PgWakeups wakeups(admin_.soci_connect, [&](const std::string& c) { counter.Wake(c); });
  AwaitListening(wakeups);
  const int timers = counter.Count("duly_timers");
  Sql(url_,
      "INSERT INTO timers (kind, invoice, step, due_at, attempt, created_at)"
      " VALUES ('start', 'I1', '', 0, 0, 0)");
  EXPECT_TRUE(counter.AwaitMoreThan("duly_timers", timers));

  // A transaction that inserts many rows wakes it at its commit.
  const int before = counter.Count("duly_timers");
  {
    soci::session session(soci::postgresql, url_.soci_connect);
    soci::transaction transaction(session);
    for (int i = 2; i < 50; ++i) {
      session << "INSERT INTO timers (kind, invoice, step, due_at, attempt, created_at)"
                 " VALUES ('start', 'I" +
                     std::to_string(i) + "', '', 0, 0, 0)";
    }
    transaction.commit();
  }
  EXPECT_TRUE(counter.AwaitMoreThan("duly_timers", before));
}

TEST_F(PgWakeupsTest, AListenerWhoseConnectionIsKilledComesBackAndWakesBothLoops) {
  WakeCounter counter;
  PgWakeups wakeups(admin_.soci_connect, [&](const std::string& c) { counter.Wake(c); });
  AwaitListening(wakeups);
  const int timers = counter.Count("duly_timers");
  const int outbox = counter.Count("duly_outbox");
  Sql(admin_,
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
      " WHERE query = 'LISTEN duly_outbox' AND pid <> pg_backend_pid()");
  EXPECT_TRUE(counter.AwaitMoreThan("duly_timers", timers));
  EXPECT_TRUE(counter.AwaitMoreThan("duly_outbox", outbox));
  // And it listens again: a new timer wakes it.
  const int again = counter.Count("duly_timers");
  Sql(url_,
      "INSERT INTO timers (kind, invoice, step, due_at, attempt, created_at)"
      " VALUES ('start', 'I9', '', 0, 0, 0)");
  EXPECT_TRUE(counter.AwaitMoreThan("duly_timers", again));
}

}  // namespace
}  // namespace duly::daemon
