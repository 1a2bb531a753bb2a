// duly::daemon::StoreTransactions: how every SociStore method reaches the database: one read on
// a reader session, or one write transaction on the writer, with soci errors turned into Errors.
//
// Promise: Write() runs body(session, chain) in one WriteTransaction with one HistoryChain by
// `actor` at the Clock's now, and commits (closing the chain) only when body succeeds, so a
// failed body leaves neither rows nor events. Transact() is the same without a chain of its own
// (body opens one after locking its rows, so rows are always locked before the history head).
// Read() runs body(session) on a reader. A soci_error recovers the session (reconnecting a lost
// connection) and becomes an Error with `context` (StoreError). Thread-safety: safe from many
// threads at once (Connections serialises the SQLite writer); several stores may share one
// Connections (SociStore::SharedConnections), so they share the writer and the history chain; the
// Clock must outlive it.
#pragma once

#include <memory>
#include <string>
#include <utility>

#include "daemon/store/connections.h"
#include "daemon/store/history_chain.h"
#include "daemon/store/store_error.h"
#include "daemon/store/write_transaction.h"
#include "workflows/clock.h"

namespace duly::daemon {

class StoreTransactions {
 public:
  StoreTransactions(std::shared_ptr<Connections> connections, const Clock& clock)
      : connections_(std::move(connections)), clock_(clock) {}

 protected:
  static Status Done(Result<bool> result) {
    if (!result) return std::move(result).error();
    return Status::Ok();
  }

  template <typename T, typename Body>
  Result<T> Write(const std::string& context, const Actor& actor, Body&& body) {
    return Guarded<Result<T>>(context, [&]() -> Result<T> {
      auto lease = connections_->Writer();
      try {
        WriteTransaction transaction(*lease, connections_->kind());
        HistoryChain chain(*lease, connections_->kind(), clock_.Now(), actor.name);
        Result<T> result = body(*lease, chain);
        if (!result) return result;
        chain.Close();
        transaction.Commit();
        return result;
      } catch (const soci::soci_error&) {
        connections_->Recover(*lease);
        throw;
      }
    });
  }

  template <typename T, typename Body>
  Result<T> Transact(const std::string& context, Body&& body) {
    return Guarded<Result<T>>(context, [&]() -> Result<T> {
      auto lease = connections_->Writer();
      try {
        WriteTransaction transaction(*lease, connections_->kind());
        Result<T> result = body(*lease);
        if (!result) return result;
        transaction.Commit();
        return result;
      } catch (const soci::soci_error&) {
        connections_->Recover(*lease);
        throw;
      }
    });
  }

  template <typename T, typename Body>
  Result<T> Read(const std::string& context, Body&& body) {
    return Guarded<Result<T>>(context, [&]() -> Result<T> {
      auto lease = connections_->Reader();
      try {
        return body(*lease);
      } catch (const soci::soci_error&) {
        connections_->Recover(*lease);
        throw;
      }
    });
  }

  std::shared_ptr<Connections> connections_;
  const Clock& clock_;
};

}  // namespace duly::daemon
