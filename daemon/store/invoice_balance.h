// duly::daemon::InvoiceBalance: what the store needs to settle an invoice, loaded in bulk.
//
// Promise: LoadInvoiceBalances reads the settlement columns of many invoices in one statement;
// the BalanceWriter stores changed open amounts and statuses with one prepared statement. Both
// run inside the caller's transaction and throw soci_error. Thread-safety: one per transaction.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "daemon/store/database_url.h"
#include "workflows/invoice.h"

namespace duly::daemon {

struct InvoiceBalance {
  std::string customer;
  std::string currency;
  std::string due;              // 'YYYY-MM-DD', orders automatic allocation
  std::string kind;             // "invoice" / "credit_note"
  std::string credits_invoice;  // credit note: the invoice it corrects
  std::string status;           // "open", "paid", "credited", "written_off"
  std::string content_hash;
  long long amount = 0;
  long long open = 0;  // amount minus everything allocated to it

  long long allocated() const { return amount - open; }
};

std::map<std::string, InvoiceBalance> LoadInvoiceBalances(soci::session& session, DatabaseKind kind,
                                                          const std::vector<std::string>& ids);

// Open invoices (kind invoice, open > 0) of a customer in a currency, oldest due date first.
std::vector<std::pair<std::string, InvoiceBalance>> LoadOpenInvoices(soci::session& session,
                                                                     const std::string& customer,
                                                                     const std::string& currency);

// The status that follows from a balance: open while something is open; once settled,
// "credited" when credit notes alone settled it, else "paid".
std::string SettledStatus(const InvoiceBalance& balance, bool settled_by_credit_only);

class BalanceWriter {
 public:
  explicit BalanceWriter(soci::session& session);
  void Save(const std::string& id, const InvoiceBalance& balance, long long now);

 private:
  std::string id_;
  std::string status_;
  long long open_ = 0;
  long long now_ = 0;
  soci::statement update_;
};

}  // namespace duly::daemon
