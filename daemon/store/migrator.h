// duly::daemon::Migrator: applies the numbered schema migrations, up only.
//
// Promise: migrations are the embedded files NNNN_name.{sqlite,postgres}.sql of this build (or,
// for tests, any list given to the constructor). Apply() runs each pending one in its own
// transaction together with its schema_migrations row, so a failing migration leaves the
// database as it was before that migration (earlier ones stay) and returns kInternal naming it.
// Concurrent migrators serialise (SQLite BEGIN IMMEDIATE, PostgreSQL LOCK TABLE) and re-check
// inside the transaction, so each migration runs once. A migration may write its own time as
// the token @migrated_at (replaced by now_ms, epoch milliseconds from the Clock). Not thread-safe;
// use one per session.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "daemon/store/database_url.h"
#include "daemon/store/soci_store.h"
#include "workflows/status.h"

namespace duly::daemon {

struct Migration {
  int version = 0;
  std::string name;  // "init"
  std::string sql;   // statements, each ending with ';' at the end of a line
};

// The migrations embedded in this build for `kind`, ordered by version.
std::vector<Migration> EmbeddedMigrations(DatabaseKind kind);

// Splits a migration into statements: '--' comments are dropped and a statement ends at a ';'
// that ends a line. Migration files must not put "--" or a line-ending ';' inside literals.
std::vector<std::string> SplitStatements(const std::string& sql);

class Migrator {
 public:
  Migrator(soci::session& session, DatabaseKind kind, std::vector<Migration> migrations);

  // Applies every pending migration; returns how many ran. now_ms is stored as applied_at.
  Result<int> Apply(std::int64_t now_ms);
  // Every known migration and whether the database has it.
  Result<std::vector<MigrationInfo>> List();

 private:
  void EnsureTable();
  bool IsApplied(int version);

  soci::session& session_;
  DatabaseKind kind_;
  std::vector<Migration> migrations_;
};

}  // namespace duly::daemon
