// duly::daemon::PaymentTable: payments and their allocations in SQL: post, get and list.
//
// Promise: Post validates every payment (Validate() plus: ids unique in the batch, the customer
// exists, each explicit allocation names an invoice of that customer in the payment's currency
// and takes at most its open amount, counting earlier payments of the same batch) and on any
// error writes nothing and returns kInvalidArgument with fields "/<index>/<field>". A payment
// without allocations is allocated to the customer's open invoices, oldest due date first; what
// is left stays as customer credit (payments.unallocated). Re-posting an identical payment is
// unchanged; the same id with other content is kConflict. Runs inside the caller's write
// transaction and throws soci_error. Thread-safety: one instance per transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "daemon/store/history_chain.h"
#include "workflows/payment.h"
#include "workflows/store.h"

namespace duly::daemon {

class PaymentTable {
 public:
  PaymentTable(soci::session& session, DatabaseKind kind) : session_(session), kind_(kind) {}

  Result<UpsertSummary> Post(const std::vector<Payment>& payments, HistoryChain& chain);
  std::optional<Payment> Find(const std::string& id);
  // customer empty: every customer's payments.
  Page<Payment> List(const std::string& customer, const std::string& after, int limit);

 private:
  soci::session& session_;
  DatabaseKind kind_;
};

}  // namespace duly::daemon
