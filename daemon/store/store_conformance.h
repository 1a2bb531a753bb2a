// duly::daemon::StoreConformance: the store conformance suite, run over any database.
//
// Promise: every TEST_P in store_conformance*.cpp runs against a fresh, migrated, empty database
// made by the StoreTarget the test binary instantiates the suite with
// (INSTANTIATE_TEST_SUITE_P(Name, StoreConformance, testing::Values(target))). A target whose
// database is unavailable makes each test GTEST_SKIP() with its reason.
// Thread-safety: test code; one fixture per test.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "daemon/store/database_url.h"
#include "daemon/store/soci_store.h"

namespace duly::daemon {

struct StoreTarget {
  std::string name;
  // Returns the URL of a fresh empty database, or "" with skip_reason set.
  std::function<std::string(std::string& skip_reason)> create;
  // Drops what create made.
  std::function<void(const std::string& url)> drop;
};

// Records for the tests: valid unless a test spoils them.
inline const Actor kActor{"test"};
Customer MakeCustomer(const std::string& id);
Invoice MakeInvoice(const std::string& id, const std::string& customer, long long cents,
                    int due_day = 1);
Payment MakePayment(const std::string& id, const std::string& customer, long long cents);
bool HasField(const Error& error, const std::string& field);
std::int64_t EventCount(SociStore& store);

// Prints the target's name in test output.
inline void PrintTo(const StoreTarget& target, std::ostream* out) { *out << target.name; }

class StoreConformance : public ::testing::TestWithParam<StoreTarget> {
 protected:
  void SetUp() override;
  void TearDown() override;
  // A second store over the same database (for concurrency and raw tampering).
  std::unique_ptr<SociStore> OpenAgain();
  // Runs one SQL statement outside the store (tests only: tampering, broken migrations).
  void RawSql(const std::string& sql);
  // The first column of the first row of a query that yields a whole number (tests only).
  long long SqlNumber(const std::string& sql);
  // The first column of the first row of a query that yields text (tests only).
  std::string SqlText(const std::string& sql);

  ManualClock clock_{FromEpochMillis(1767225600000)};  // 2026-01-01T00:00:00Z
  std::string url_text_;
  DatabaseUrl url_;
  std::unique_ptr<SociStore> store_;
};

}  // namespace duly::daemon
