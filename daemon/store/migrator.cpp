#include "daemon/store/migrator.h"

#include <algorithm>
#include <map>
#include <string_view>

#include "daemon/store/store_error.h"
#include "daemon/store/write_transaction.h"

namespace duly::daemon::migrations {
const std::map<std::string_view, std::string_view>& Files();
}  // namespace duly::daemon::migrations

namespace duly::daemon {
namespace {

// Which migrations a database has; created before the first migration runs.
constexpr const char* kCreateSchemaMigrations =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";
// PostgreSQL: one migrator at a time (released at COMMIT or ROLLBACK).
constexpr const char* kLockSchemaMigrations =
    "LOCK TABLE schema_migrations IN SHARE ROW EXCLUSIVE MODE";
// Is this version applied?
constexpr const char* kCountVersion =
    "SELECT COUNT(*) FROM schema_migrations WHERE version = :version";
// Record an applied migration in the same transaction as its statements.
constexpr const char* kInsertVersion =
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:version, :name, :at)";
// Every applied version.
constexpr const char* kSelectVersions = "SELECT version FROM schema_migrations";
// The token a migration writes for the time it runs (epoch milliseconds).
constexpr const char* kMigratedAt = "@migrated_at";

std::string_view Suffix(DatabaseKind kind) {
  return kind == DatabaseKind::kSqlite ? ".sqlite.sql" : ".postgres.sql";
}

}  // namespace

std::vector<Migration> EmbeddedMigrations(DatabaseKind kind) {
  std::vector<Migration> list;
  const std::string_view suffix = Suffix(kind);
  for (const auto& [file, text] : migrations::Files()) {
    if (!file.ends_with(suffix)) continue;
    std::string_view stem = file.substr(0, file.size() - suffix.size());
    auto underscore = stem.find('_');
    DULY_CHECK(underscore == 4);
    Migration migration;
    migration.version = std::stoi(std::string(stem.substr(0, underscore)));
    migration.name = std::string(stem.substr(underscore + 1));
    migration.sql = std::string(text);
    list.push_back(std::move(migration));
  }
  std::sort(list.begin(), list.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  return list;
}

std::vector<std::string> SplitStatements(const std::string& sql) {
  std::vector<std::string> statements;
  std::string current;
  std::size_t start = 0;
  while (start < sql.size()) {
    std::size_t end = sql.find('\n', start);
    if (end == std::string::npos) end = sql.size();
    std::string line = sql.substr(start, end - start);
    start = end + 1;
    if (auto comment = line.find("--"); comment != std::string::npos) line.resize(comment);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '\t')) {
      line.pop_back();
    }
    if (line.empty()) continue;
    if (line.back() == ';') {
      line.pop_back();
      current += line;
      statements.push_back(current);
      current.clear();
    } else {
      current += line;
      current += '\n';
    }
  }
  if (current.find_first_not_of(" \n\t") != std::string::npos) statements.push_back(current);
  return statements;
}

Migrator::Migrator(soci::session& session, DatabaseKind kind, std::vector<Migration> migrations)
    : session_(session), kind_(kind), migrations_(std::move(migrations)) {}

void Migrator::EnsureTable() { session_ << kCreateSchemaMigrations; }

bool Migrator::IsApplied(int version) {
  long long count = 0;
  long long wanted = version;
  session_ << kCountVersion, soci::use(wanted, "version"), soci::into(count);
  return count > 0;
}

Result<int> Migrator::Apply(std::int64_t now_ms) {
  try {
    EnsureTable();
  } catch (const std::exception& failure) {
    return StoreError(failure, "creating schema_migrations");
  }
  int applied = 0;
  for (const Migration& migration : migrations_) {
    char number[8];
    std::snprintf(number, sizeof number, "%04d", migration.version);
    const std::string label = "migration " + std::string(number) + "_" + migration.name;
    try {
      WriteTransaction transaction(session_, kind_);
      if (kind_ == DatabaseKind::kPostgresql) session_ << kLockSchemaMigrations;
      if (IsApplied(migration.version)) continue;
      for (std::string statement : SplitStatements(migration.sql)) {
        for (auto at = statement.find(kMigratedAt); at != std::string::npos;
             at = statement.find(kMigratedAt, at)) {
          statement.replace(at, std::string_view(kMigratedAt).size(), std::to_string(now_ms));
        }
        session_ << statement;
      }
      long long version = migration.version;
      long long at = now_ms;
      session_ << kInsertVersion, soci::use(version, "version"), soci::use(migration.name, "name"),
          soci::use(at, "at");
      transaction.Commit();
      ++applied;
    } catch (const std::exception& failure) {
      Error error = StoreError(failure, label + " failed and was rolled back");
      error.code = ErrorCode::kInternal;
      return error;
    }
  }
  return applied;
}

Result<std::vector<MigrationInfo>> Migrator::List() {
  return Guarded<Result<std::vector<MigrationInfo>>>("listing migrations", [&]() {
    EnsureTable();
    std::vector<long long> versions;
    long long version = 0;
    soci::statement select = (session_.prepare << kSelectVersions, soci::into(version));
    select.execute();
    while (select.fetch()) versions.push_back(version);
    std::vector<MigrationInfo> infos;
    for (const Migration& migration : migrations_) {
      MigrationInfo info;
      info.version = migration.version;
      info.name = migration.name;
      info.applied =
          std::find(versions.begin(), versions.end(), migration.version) != versions.end();
      infos.push_back(std::move(info));
    }
    return Result<std::vector<MigrationInfo>>(std::move(infos));
  });
}

}  // namespace duly::daemon
