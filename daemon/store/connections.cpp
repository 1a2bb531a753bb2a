#include "daemon/store/connections.h"

#include <cstddef>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

namespace duly::daemon {
namespace {

// Makes every later statement wait up to the timeout for a lock instead of failing at once.
constexpr const char* kPragmaBusyTimeout = "PRAGMA busy_timeout = ";
// Write-ahead log: readers never block the writer nor each other.
constexpr const char* kPragmaWal = "PRAGMA journal_mode = WAL";
// Sync the log on every commit: a committed write survives power loss.
constexpr const char* kPragmaSynchronousFull = "PRAGMA synchronous = FULL";
// Enforce REFERENCES clauses (off by default in SQLite).
constexpr const char* kPragmaForeignKeys = "PRAGMA foreign_keys = ON";

void ConfigureSqlite(soci::session& session, int busy_timeout_ms, bool writer) {
  session << (std::string(kPragmaBusyTimeout) + std::to_string(busy_timeout_ms));
  session << kPragmaForeignKeys;
  if (writer) {
    std::string mode;
    session << kPragmaWal, soci::into(mode);
    session << kPragmaSynchronousFull;
  }
}

}  // namespace

Connections::Connections(const DatabaseUrl& url, const StoreOptions& options) : kind_(url.kind) {
  const auto size = static_cast<std::size_t>(options.pool_size < 1 ? 1 : options.pool_size);
  if (kind_ == DatabaseKind::kSqlite) {
    writer_ = std::make_unique<soci::session>(soci::sqlite3, url.soci_connect);
    ConfigureSqlite(*writer_, options.busy_timeout_ms, true);
    if (url.sqlite_path != ":memory:") {
      pool_ = std::make_unique<soci::connection_pool>(size);
      for (std::size_t i = 0; i < size; ++i) {
        pool_->at(i).open(soci::sqlite3, url.soci_connect);
        ConfigureSqlite(pool_->at(i), options.busy_timeout_ms, false);
      }
    }
    return;
  }
  pool_ = std::make_unique<soci::connection_pool>(size);
  for (std::size_t i = 0; i < size; ++i) {
    pool_->at(i).open(soci::postgresql, url.soci_connect);
  }
}

Connections::~Connections() = default;

Connections::Lease Connections::Writer() {
  Lease lease;
  if (kind_ == DatabaseKind::kSqlite) {
    lease.lock_ = std::unique_lock<std::mutex>(writer_mutex_);
    lease.session_ = writer_.get();
    return lease;
  }
  lease.pooled_ = std::make_unique<soci::session>(*pool_);
  lease.session_ = lease.pooled_.get();
  return lease;
}

Connections::Lease Connections::Reader() {
  if (kind_ == DatabaseKind::kSqlite && !pool_) return Writer();
  Lease lease;
  lease.pooled_ = std::make_unique<soci::session>(*pool_);
  lease.session_ = lease.pooled_.get();
  return lease;
}

void Connections::Recover(soci::session& session) {
  if (kind_ != DatabaseKind::kPostgresql) return;
  try {
    if (session.is_connected()) return;
    spdlog::warn("store: lost the database connection; reconnecting");
    session.reconnect();
  } catch (const std::exception& failure) {
    // Still unreachable: the next lease tries again; callers got kUnavailable meanwhile.
    spdlog::warn("store: reconnecting failed: {}", failure.what());
  }
}

}  // namespace duly::daemon
