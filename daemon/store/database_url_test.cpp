#include "daemon/store/database_url.h"

#include <cstdlib>

#include <gtest/gtest.h>

namespace duly::daemon {
namespace {

TEST(DatabaseUrl, SqliteAbsolutePath) {
  auto url = DatabaseUrl::Parse("sqlite:///var/lib/duly/duly.db");
  ASSERT_TRUE(url) << url.error().message;
  EXPECT_EQ(url->kind, DatabaseKind::kSqlite);
  EXPECT_EQ(url->sqlite_path, "/var/lib/duly/duly.db");
  EXPECT_EQ(url->soci_connect, "db=/var/lib/duly/duly.db");
  EXPECT_EQ(url->Redacted(), "sqlite:///var/lib/duly/duly.db");
}

TEST(DatabaseUrl, SqliteRelativePathAndMemory) {
  EXPECT_EQ(DatabaseUrl::Parse("sqlite://./duly.db")->sqlite_path, "./duly.db");
  EXPECT_EQ(DatabaseUrl::Parse("sqlite://data/duly.db")->sqlite_path, "data/duly.db");
  EXPECT_EQ(DatabaseUrl::Parse("sqlite::memory:")->sqlite_path, ":memory:");
}

TEST(DatabaseUrl, SqliteRefusals) {
  for (const char* bad : {"sqlite:", "sqlite:/tmp/x.db", "sqlite://", "sqlite:///tmp/",
                          "sqlite:///tmp/x.db?mode=ro"}) {
    auto url = DatabaseUrl::Parse(bad);
    ASSERT_FALSE(url) << bad;
    EXPECT_EQ(url.error().code, ErrorCode::kInvalidArgument) << bad;
    ASSERT_EQ(url.error().fields.size(), 1U);
    EXPECT_EQ(url.error().fields[0].field, "/database");
  }
}

TEST(DatabaseUrl, PostgresqlFull) {
  auto url = DatabaseUrl::Parse("postgresql://duly:s%40cret@db.example:5433/duly?sslmode=require");
  ASSERT_TRUE(url) << url.error().message;
  EXPECT_EQ(url->kind, DatabaseKind::kPostgresql);
  EXPECT_EQ(url->soci_connect,
            "host='db.example' port='5433' user='duly' password='s@cret' dbname='duly' "
            "sslmode='require'");
  EXPECT_EQ(url->Redacted(), "postgresql://duly:***@db.example:5433/duly?sslmode=require");
}

TEST(DatabaseUrl, PostgresShortSchemeIpv6AndQuoting) {
  auto url = DatabaseUrl::Parse("postgres://o'brien@[::1]/my%20db?options=-c%20search_path%3Dx");
  ASSERT_TRUE(url) << url.error().message;
  EXPECT_EQ(url->soci_connect,
            "host='::1' user='o\\'brien' dbname='my db' options='-c search_path=x'");
  EXPECT_EQ(url->Redacted(), url->url);  // no password to hide
}

TEST(DatabaseUrl, PostgresqlRefusals) {
  for (const char* bad :
       {"postgresql://", "postgresql:///db", "postgresql://host:0/db", "postgresql://host:99999/db",
        "postgresql://host:x/db", "postgresql://host/a/b", "postgresql://host/db?sslmode",
        "postgresql://host/db?ssl-mode=x", "postgresql://[::1/db", "postgresql://h/db%2"}) {
    auto url = DatabaseUrl::Parse(bad);
    EXPECT_FALSE(url) << bad;
  }
}

TEST(DatabaseUrl, OtherSchemesRefused) {
  for (const char* bad : {"", "mysql://h/db", "/var/lib/duly.db", "SQLITE:///x.db"}) {
    auto url = DatabaseUrl::Parse(bad);
    ASSERT_FALSE(url) << bad;
    EXPECT_EQ(url.error().code, ErrorCode::kInvalidArgument);
  }
}

TEST(DatabaseUrl, ResolveOrder) {
  unsetenv("DULY_DATABASE_URL");
  EXPECT_EQ(ResolveDatabaseUrl("sqlite://a.db"), "sqlite://a.db");
  EXPECT_EQ(ResolveDatabaseUrl(""), DefaultDatabaseUrl());
  setenv("DULY_DATABASE_URL", "sqlite://env.db", 1);
  EXPECT_EQ(ResolveDatabaseUrl(""), "sqlite://env.db");
  EXPECT_EQ(ResolveDatabaseUrl("sqlite://flag.db"), "sqlite://flag.db");
  unsetenv("DULY_DATABASE_URL");
}

}  // namespace
}  // namespace duly::daemon
