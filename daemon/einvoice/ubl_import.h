// ImportUblFiles: UBL Invoice and CreditNote files into the store, all or nothing.
//
// Promise: every file is parsed and mapped before anything is written; the first problem rejects
// the whole run with kInvalidArgument whose message starts with the file's name and whose field is
// "<file>: <XML path>" (just the XML path when the file has no name, as for one API upload).
// Buyers are matched to customers by CustomerDirectory; a buyer matching none becomes a new
// customer (NewCustomer), shared by later files of the same run. A credit note names the invoice
// it corrects (cac:BillingReference) only when that invoice is stored or in the run, of the same
// customer and currency; otherwise it stays an unapplied credit. Then the new customers are
// upserted in one transaction and the invoices in a second; a store rule the invoices break
// (e.g. an id already stored as the other kind) is reported against its file. Re-importing the
// same files changes nothing (idempotent upserts). Errors also: whatever the store returns.
// Not synchronised: the caller runs one import at a time per store.
#pragma once

#include <string>
#include <vector>

#include "daemon/einvoice/customer_directory.h"
#include "workflows/store.h"

namespace duly::einvoice {

struct UblFile {
  std::string name;  // shown in errors: a path, or empty for a single upload
  std::string content;
};

// What one file became.
struct UblImportItem {
  std::string file;
  std::string invoice;  // invoice id
  InvoiceKind kind = InvoiceKind::kInvoice;
  std::string customer;
  CustomerMatchRule matched_by = CustomerMatchRule::kCreated;
};

struct UblImportReport {
  std::vector<UblImportItem> items;  // in file order
  UpsertSummary customers;           // the customers created for unknown buyers
  UpsertSummary invoices;
};

Result<UblImportReport> ImportUblFiles(Store& store, const std::vector<UblFile>& files,
                                       const Actor& actor);

}  // namespace duly::einvoice
