// duly::daemon::CustomerTable: customers in SQL: batch upsert with validation, get and list.
//
// Promise: Upsert validates every customer (Validate() plus: ids unique in the batch, account
// manager is a stored colleague) and on any error writes nothing and returns kInvalidArgument
// with fields named "/<index>/<field>". An item whose content hash equals the stored one is
// unchanged and records no event; others are inserted or updated with a customer.created or
// customer.updated event. Runs inside the caller's write transaction and throws soci_error.
// Thread-safety: one instance per transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "daemon/store/history_chain.h"
#include "workflows/customer.h"
#include "workflows/store.h"

namespace duly::daemon {

class CustomerTable {
 public:
  CustomerTable(soci::session& session, DatabaseKind kind) : session_(session), kind_(kind) {}

  Result<UpsertSummary> Upsert(const std::vector<Customer>& customers, HistoryChain& chain);
  std::optional<Customer> Find(const std::string& id);
  // The stored customers among `ids` (one statement), in no particular order.
  std::vector<Customer> FindMany(const std::vector<std::string>& ids);
  Page<Customer> List(const std::string& after, int limit);

 private:
  soci::session& session_;
  DatabaseKind kind_;
};

// Ids among `ids` that exist in `table_select` ("SELECT id FROM customers WHERE id").
std::vector<std::string> ExistingIds(soci::session& session, DatabaseKind kind,
                                     const char* select_where_id,
                                     const std::vector<std::string>& ids);

}  // namespace duly::daemon
