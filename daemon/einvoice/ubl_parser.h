// ParseUblDocument: a UBL 2.1 Invoice or CreditNote (Peppol BIS Billing 3.0 and plain OASIS UBL)
// into duly::einvoice::UblDocument.
//
// Promise: bytes in, one document out, no I/O, nothing fetched (external references are never
// followed). Elements are matched by namespace URI (Invoice-2 / CreditNote-2 roots, cac and cbc
// components), whatever prefixes the document uses. The first problem stops parsing and is
// kInvalidArgument naming its XML path, e.g. "/Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount",
// in Error::fields[0].field and in the message. Refused: a DOCTYPE or ENTITY declaration (no DTDs,
// no entities, internal or external), malformed XML, a root that is not a UBL Invoice or
// CreditNote (a UBL Reminder, an Order, CII ...), a missing cbc:ID, cbc:IssueDate,
// cbc:DocumentCurrencyCode or PayableAmount, a date that is not YYYY-MM-DD, an amount that is not
// a decimal or has a non-zero digit beyond cents, a PayableAmount currencyID other than the
// document currency, an embedded PDF whose base64 is broken, and a document without a buyer
// party. The due date is optional here (see UblDocument::due); the mapping decides.
// Thread-safe: pure function.
#pragma once

#include <string_view>

#include "daemon/einvoice/ubl_document.h"
#include "workflows/status.h"

namespace duly::einvoice {

Result<UblDocument> ParseUblDocument(std::string_view xml);

}  // namespace duly::einvoice
