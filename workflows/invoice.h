// duly::Invoice: an invoice or credit note as received from the ERP, with its open amount.
//
// Promise: amounts are exact Money in the invoice's currency; `open_amount` is maintained by the
// store from payment allocations and credit notes, never trusted from input on update. Validate()
// checks a record as received (dates, amounts positive with at most two decimals, currency shape,
// due on or after issue, a structured payment reference that passes its check digits) and names
// each field by JSON pointer relative to the invoice object. No I/O; thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "workflows/calendar_date.h"
#include "workflows/money.h"
#include "workflows/status.h"

namespace duly {

enum class InvoiceKind { kInvoice, kCreditNote };
const char* InvoiceKindName(InvoiceKind kind);  // "invoice" / "credit_note"
std::optional<InvoiceKind> ParseInvoiceKind(std::string_view text);

// Where an invoice stands. Disputes, promises and plans are separate records (cases, promises,
// plans) that pause collection; they are not states here.
enum class InvoiceStatus {
  kOpen,        // open_amount > 0
  kPaid,        // settled by payments (and credit notes)
  kCredited,    // cancelled by a credit note in full
  kWrittenOff,  // given up; no further collection
};
const char* InvoiceStatusName(InvoiceStatus status);  // "open", "paid", "credited", "written_off"
std::optional<InvoiceStatus> ParseInvoiceStatus(std::string_view text);

// The invoice PDF (or other document) that reminders attach.
struct InvoiceDocument {
  std::string filename;    // "INV-1.pdf"
  std::string media_type;  // "application/pdf"
  std::string content;     // raw bytes
  friend bool operator==(const InvoiceDocument&, const InvoiceDocument&) = default;
};

struct Invoice {
  std::string id;        // the ERP's invoice number, unique across invoices and credit notes
  std::string customer;  // customer id
  InvoiceKind kind = InvoiceKind::kInvoice;
  CalendarDate issued{};
  CalendarDate due{};
  Money amount;       // gross amount, > 0 (a credit note's amount is also positive)
  Money open_amount;  // what is still to be paid (or, for a credit note, still to be applied)
  std::string currency = "EUR";
  std::string po_number;        // buyer's order reference, empty when none
  std::string reference;        // structured payment reference (OGM, betalingskenmerk or RF)
  std::string credits_invoice;  // for a credit note: the invoice it corrects, empty when none
  std::optional<InvoiceDocument> document;
  InvoiceStatus status = InvoiceStatus::kOpen;

  friend bool operator==(const Invoice&, const Invoice&) = default;
};

std::vector<FieldError> Validate(const Invoice& invoice);

}  // namespace duly
