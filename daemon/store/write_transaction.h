// duly::daemon::WriteTransaction: one write transaction on one session, rolled back unless
// committed.
//
// Promise: SQLite starts with BEGIN IMMEDIATE (the write lock is taken up front, so a busy
// database fails at BEGIN, not halfway); PostgreSQL with BEGIN. The destructor rolls back a
// transaction that was not committed and swallows nothing else. Not thread-safe: one per lease.
#pragma once

#include <soci/soci.h>

#include "daemon/store/database_url.h"

namespace duly::daemon {

class WriteTransaction {
 public:
  WriteTransaction(soci::session& session, DatabaseKind kind);
  ~WriteTransaction();
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;

  // Throws soci_error when the commit fails (the transaction is then rolled back).
  void Commit();

 private:
  soci::session& session_;
  bool open_ = true;
};

}  // namespace duly::daemon
