// duly::daemon::Connections: the database sessions a SociStore uses.
//
// Promise: SQLite gets exactly one writer session (WAL, synchronous=FULL, foreign_keys=ON,
// busy_timeout) guarded by writer_mutex_, and a small pool of reader sessions (for ":memory:"
// the writer serves reads too, since each connection would see its own database). PostgreSQL
// gets a soci::connection_pool that serves reads and writes. A Lease holds one session (and for
// the SQLite writer the mutex) until it is destroyed.
// Thread-safety: Writer() and Reader() are safe from any thread; a Lease belongs to one thread.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include <soci/soci.h>

#include "daemon/store/database_url.h"
#include "daemon/store/soci_store.h"

namespace duly::daemon {

class Connections {
 public:
  class Lease {
   public:
    soci::session& operator*() const { return *session_; }
    soci::session* operator->() const { return session_; }

   private:
    friend class Connections;
    std::unique_lock<std::mutex> lock_;
    std::unique_ptr<soci::session> pooled_;
    soci::session* session_ = nullptr;
  };

  // Throws soci_error when the database cannot be opened (caught by OpenStore).
  Connections(const DatabaseUrl& url, const StoreOptions& options);
  ~Connections();
  Connections(const Connections&) = delete;
  Connections& operator=(const Connections&) = delete;

  DatabaseKind kind() const { return kind_; }
  // The session for writes. SQLite: the single writer, exclusive while the lease lives.
  Lease Writer();
  // A session for reads (a snapshot per statement outside transactions).
  Lease Reader();
  // Called after a statement on `session` failed: when the connection is gone (PostgreSQL
  // restarted, network cut), reconnects it so the next lease works again. Never throws.
  void Recover(soci::session& session);

 private:
  DatabaseKind kind_;
  std::mutex writer_mutex_;                      // guards writer_ (SQLite) and its transactions
  std::unique_ptr<soci::session> writer_;        // SQLite only
  std::unique_ptr<soci::connection_pool> pool_;  // SQLite readers, or every PostgreSQL session
};

}  // namespace duly::daemon
