// duly::daemon::HistoryChain: appends events to the hash-chained history inside a write
// transaction, and reads and verifies that history.
//
// Promise: the constructor reads the chain head (history_head, locked FOR UPDATE on PostgreSQL;
// on SQLite the writer mutex and BEGIN IMMEDIATE already serialise writers), Append() numbers
// each event seq = head + 1 and sets prev_hash and hash (history_hash.h), and Close() stores the
// new head. Everything happens in the caller's transaction, so a rolled-back write leaves no
// event. VerifyHistory() recomputes every hash, checks seq runs 1..n without gaps, that each
// prev_hash names its predecessor and that the head row matches the last event. On PostgreSQL
// appended events are sent in groups (one statement per 2000 events, and at Close()), so they
// are visible to the transaction itself only after Close().
// Thread-safety: a HistoryChain belongs to one transaction on one thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "daemon/store/database_url.h"
#include "workflows/event.h"
#include "workflows/store.h"

namespace duly::daemon {

class HistoryChain {
 public:
  // REQUIRES: a write transaction is open on `session`. Throws soci_error.
  HistoryChain(soci::session& session, DatabaseKind kind, Instant at, std::string actor);

  void Append(std::string_view type, const std::string& customer, const std::string& invoice,
              std::string payload);
  // Writes pending events and stores the new head; call once, before committing.
  void Close();
  std::int64_t appended() const { return appended_; }
  Instant at() const { return event_.at; }
  const std::string& actor() const { return event_.actor; }

 private:
  void Flush();  // PostgreSQL: writes pending_ in one statement

  soci::session& session_;
  DatabaseKind kind_;
  std::string pending_;  // PostgreSQL: appended events not yet written, as a JSON array text
  std::size_t pending_count_ = 0;  // how many events pending_ holds
  Event event_;                    // the event being appended; bound to insert_
  long long seq_ = 0;              // bound copy of event_.seq
  long long at_ms_ = 0;
  std::int64_t appended_ = 0;
  soci::statement insert_;
};

// A customer's events after seq `after`, oldest first, at most `limit` (+1 to detect more).
Page<Event> ListCustomerEvents(soci::session& session, const std::string& customer,
                               std::int64_t after, int limit);

// The whole history after seq `after`, oldest first, at most `limit`.
Page<Event> ListEvents(soci::session& session, std::int64_t after, int limit);

HistoryVerdict VerifyHistory(soci::session& session);

}  // namespace duly::daemon
