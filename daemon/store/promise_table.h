// duly::daemon::PromiseTable: promises to pay in tables promises and promise_invoices
// (migrations 0001 and 0006).
//
// Promise: Insert() stores an open promise with every invoice it names (promises.invoice keeps
// the first) and returns its id. Find() and List() read promises with their invoices in one
// statement (a promise without promise_invoices rows names promises.invoice); List() is newest
// first. Open() reads every open promise, oldest first (index promises_state). Close() moves an
// open promise to `state` with closed_at. OpenAmount() sums the open amount of invoices (one
// statement). Runs inside the caller's transaction; throws soci_error. Thread-safety: one per
// transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "daemon/store/database_url.h"
#include "workflows/plans/promise_store.h"

namespace duly::daemon {

class PromiseTable {
 public:
  PromiseTable(soci::session& session, DatabaseKind kind) : session_(session), kind_(kind) {}

  std::int64_t Insert(const Promise& promise);
  // PostgreSQL: `lock` takes the row FOR UPDATE.
  std::optional<Promise> Find(std::int64_t id, bool lock = false);
  std::vector<Promise> List(const PromiseFilter& filter);
  std::vector<Promise> Open();
  void Close(std::int64_t id, PromiseState state, Instant at);

 private:
  std::vector<Promise> Select(const std::string& ids_query, const std::string& customer,
                              const std::string& state, long long limit, bool lock);

  soci::session& session_;
  DatabaseKind kind_;
};

// The sum of the open amounts of `invoices` (unknown ids count 0).
Money OpenAmount(soci::session& session, DatabaseKind kind,
                 const std::vector<std::string>& invoices);

}  // namespace duly::daemon
