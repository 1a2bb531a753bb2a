// duly::OpenItem: an open invoice or credit note as the matcher sees it.
//
// Promise: only what matching needs, copied from the store's Invoice: `open_amount` is what is
// still to be paid (an invoice) or still to be applied (a credit note), always in `currency`.
// Plain data; thread-compatible.
#pragma once

#include <string>

#include "workflows/calendar_date.h"
#include "workflows/invoice.h"
#include "workflows/money.h"

namespace duly {

struct OpenItem {
  std::string id;        // the invoice number, unique across invoices and credit notes
  std::string customer;  // customer id
  InvoiceKind kind = InvoiceKind::kInvoice;
  Money open_amount;  // > 0 while open
  std::string currency = "EUR";
  CalendarDate due{};
  std::string reference;        // structured payment reference, empty when none
  std::string credits_invoice;  // for a credit note: the invoice it corrects, empty when none
  friend bool operator==(const OpenItem&, const OpenItem&) = default;
};

}  // namespace duly
