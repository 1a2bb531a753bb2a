#include "daemon/store/store_error.h"

#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

namespace duly::daemon {
namespace {

TEST(StoreError, SqliteIsSortedByResultCodeBecauseTheBackendLeavesNoCategory) {
  const soci::sqlite3_soci_error constraint("UNIQUE constraint failed", 19);
  EXPECT_EQ(constraint.get_error_category(), soci::soci_error::unknown);  // why we cope
  EXPECT_EQ(StoreError(constraint, "ctx").code, ErrorCode::kConflict);
  EXPECT_EQ(StoreError(soci::sqlite3_soci_error("database is locked", 5), "ctx").code,
            ErrorCode::kUnavailable);
  EXPECT_EQ(StoreError(soci::sqlite3_soci_error("unable to open", 14), "ctx").code,
            ErrorCode::kUnavailable);
  // Extended result codes carry the primary code in the low byte (SQLITE_CONSTRAINT_UNIQUE).
  EXPECT_EQ(StoreError(soci::sqlite3_soci_error("unique", 2067), "ctx").code, ErrorCode::kConflict);
  EXPECT_EQ(StoreError(soci::sqlite3_soci_error("syntax error", 1), "ctx").code,
            ErrorCode::kInternal);
}

TEST(StoreError, PostgresqlIsSortedByCategory) {
  EXPECT_EQ(StoreError(soci::postgresql_soci_error("duplicate key", "23505"), "ctx").code,
            ErrorCode::kConflict);
  EXPECT_EQ(StoreError(soci::postgresql_soci_error("connection failure", "08006"), "ctx").code,
            ErrorCode::kUnavailable);
  EXPECT_EQ(StoreError(soci::postgresql_soci_error("syntax", "42601"), "ctx").code,
            ErrorCode::kInternal);
}

TEST(StoreError, MessageCarriesContextAndCause) {
  Error error = StoreError(std::runtime_error("disk on fire"), "upserting invoices");
  EXPECT_EQ(error.code, ErrorCode::kInternal);
  EXPECT_EQ(error.message, "upserting invoices: disk on fire");
}

}  // namespace
}  // namespace duly::daemon
