// The demo data set of `duly demo load` and `script/server`: a small Dutch/Belgian wholesaler's
// receivables.
//
// Promise: MakeDemoDataSet returns the same records for the same `today` (dates are relative to
// it, so the set always looks current): 6 colleagues (credit, billing, sales, operations, with
// managers), 25 customers (NL and BE, b2b and b2c, languages nl/fr/en, some key accounts), 80
// invoices with valid OGM (BE) or betalingskenmerk (NL) references, some paid, some partly
// paid, some overdue, and the payments that settle them with explicit allocations. Every
// record passes its Validate(). Ids never depend on `today`. `segments` and `workflows` are the
// collection rules: the four segments (key-accounts, late-payers, consumers,
// b2b-standard) and one workflow per segment (b2b-standard as in the issue, friendlier variants
// for the others) using only default template ids; they pass the workflow parser and cover each
// other (CheckCoverage). Pure function; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "workflows/calendar_date.h"
#include "workflows/colleague.h"
#include "workflows/customer.h"
#include "workflows/invoice.h"
#include "workflows/payment.h"

namespace duly::daemon {

struct DemoDataSet {
  std::vector<Colleague> colleagues;  // managers before the people they manage
  std::vector<Customer> customers;
  std::vector<Invoice> invoices;
  std::vector<Payment> payments;  // each allocated to invoices of its customer, never in the future
  std::string segments;           // schemas/segments.schema.json document
  std::vector<std::string> workflows;  // schemas/workflow.schema.json documents
};

DemoDataSet MakeDemoDataSet(CalendarDate today);

}  // namespace duly::daemon
