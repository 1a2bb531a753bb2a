// duly::daemon::DatabaseUrl: which database a process uses, from one URL.
//
// Promise: Parse accepts exactly two schemes and says what is wrong with anything else:
//   sqlite:///absolute/path/duly.db   (also sqlite://relative/path.db and sqlite::memory:)
//   postgresql://user:password@host:port/dbname?sslmode=...   (also postgres://)
// The password never appears in Redacted(). Plain data; thread-compatible.
#pragma once

#include <string>
#include <string_view>

#include "workflows/status.h"

namespace duly::daemon {

enum class DatabaseKind { kSqlite, kPostgresql };

struct DatabaseUrl {
  DatabaseKind kind = DatabaseKind::kSqlite;
  std::string url;           // as given
  std::string sqlite_path;   // kSqlite: file path (":memory:" for an in-memory database)
  std::string soci_connect;  // the SOCI connection string for the backend

  static Result<DatabaseUrl> Parse(std::string_view url);
  // The URL with any password replaced by "***", for logs and errors.
  std::string Redacted() const;
};

// The default when neither --database nor DULY_DATABASE_URL is given:
// sqlite:///var/lib/duly/duly.db when that directory is writable, else sqlite://./duly.db.
std::string DefaultDatabaseUrl();

// --database, else $DULY_DATABASE_URL, else DefaultDatabaseUrl().
std::string ResolveDatabaseUrl(const std::string& from_flag);

}  // namespace duly::daemon
