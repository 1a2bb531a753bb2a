// duly::daemon::InvoiceTable: invoices and credit notes in SQL: batch upsert, get and list.
//
// Promise: Upsert validates every item (Validate() plus: ids unique in the batch, the customer
// exists, a credit note's credits_invoice exists in the store or the batch, is an invoice of the
// same customer and currency; on update the kind never changes, the amount never drops below
// what is allocated, and customer and currency stay while anything is allocated) and on any error
// writes nothing and returns kInvalidArgument with fields "/<index>/<field>". open_amount from
// input is ignored: it is always amount minus allocations. A new credit note naming an invoice is
// applied to it (up to its open amount) as an allocation. Items equal to the stored ones (by
// content hash) are unchanged and record no event. Each new invoice (kind invoice) with an open
// amount gets its engine kStart timer, due at the chain's time, in the same transaction. Runs
// inside the caller's write transaction and throws soci_error. Thread-safety: one instance per
// transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "daemon/store/history_chain.h"
#include "workflows/invoice.h"
#include "workflows/store.h"

namespace duly::daemon {

class InvoiceTable {
 public:
  InvoiceTable(soci::session& session, DatabaseKind kind) : session_(session), kind_(kind) {}

  Result<UpsertSummary> Upsert(const std::vector<Invoice>& invoices, HistoryChain& chain);
  std::optional<Invoice> Find(const std::string& id);
  // The stored invoices among `ids` (one statement), in no particular order.
  std::vector<Invoice> FindMany(const std::vector<std::string>& ids);
  Page<Invoice> List(const InvoiceFilter& filter, const std::string& after, int limit);

 private:
  soci::session& session_;
  DatabaseKind kind_;
};

}  // namespace duly::daemon
