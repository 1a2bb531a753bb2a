#include "daemon/store/write_transaction.h"

#include <spdlog/spdlog.h>

namespace duly::daemon {
namespace {

// SQLite: take the database write lock now rather than at the first write.
constexpr const char* kBeginImmediate = "BEGIN IMMEDIATE";
// PostgreSQL: an ordinary read-committed transaction (writers serialise on history_head).
constexpr const char* kBegin = "BEGIN";
// Make the transaction durable.
constexpr const char* kCommit = "COMMIT";
// Undo everything since BEGIN.
constexpr const char* kRollback = "ROLLBACK";

}  // namespace

WriteTransaction::WriteTransaction(soci::session& session, DatabaseKind kind) : session_(session) {
  session_ << (kind == DatabaseKind::kSqlite ? kBeginImmediate : kBegin);
}

WriteTransaction::~WriteTransaction() {
  if (!open_) return;
  try {
    session_ << kRollback;
  } catch (const std::exception& failure) {
    // The connection is gone or the transaction already ended; the database discards it.
    spdlog::warn("store: rollback failed: {}", failure.what());
  }
}

void WriteTransaction::Commit() {
  session_ << kCommit;
  open_ = false;
}

}  // namespace duly::daemon
