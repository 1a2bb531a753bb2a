// The duly records a UBL document becomes: the invoice (or credit note) and, for a buyer duly
// does not know yet, a new customer. docs/einvoices.md describes the mapping.
//
// Promise: pure functions; every error is kInvalidArgument naming the XML path of the element at
// fault ("/Invoice/cbc:DueDate"). The records returned pass Validate(). Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "daemon/einvoice/ubl_document.h"
#include "workflows/customer.h"
#include "workflows/invoice.h"
#include "workflows/status.h"

namespace duly::einvoice {

// The XML paths of the buyer's elements, for errors: BuyerPath(document, "cbc:EndpointID") is
// "/Invoice/cac:AccountingCustomerParty/cac:Party/cbc:EndpointID".
std::string BuyerPath(const UblDocument& document, std::string_view below);

// A VAT number as duly compares it: upper case, without spaces, dots and dashes.
std::string NormalisedVatNumber(std::string_view vat);

// The id of the customer duly creates for the document's buyer, derived only from the document so
// a re-import finds it again: "peppol:<scheme>:<endpoint id>" when the buyer has an EndpointID,
// else "vat:<normalised VAT number>", else "name:<legal or trading name>".
// Errors: a buyer without endpoint, VAT number and name; a derived id over 64 characters.
Result<std::string> NewCustomerId(const UblDocument& document);

// The new customer for the document's buyer (id NewCustomerId): name, VAT number, postal
// address, e-mail and phone, language from the buyer's country, currency of the document. Fields
// whose value duly would not accept (a phone that is not E.164, a malformed VAT number) are left
// empty rather than refusing the document.
Result<Customer> NewCustomer(const UblDocument& document);

// The structured payment reference for cbc:PaymentID, or "" when it is not one. "RF..." and
// "+++...+++" / "***...***" are always checked; bare digits are checked when the seller is in BE
// (OGM) or NL (betalingskenmerk) and otherwise kept only when they pass as one. Errors name the
// PaymentID's path.
Result<std::string> StructuredReference(const UblDocument& document);

// The invoice for `customer`: a CreditNote, or an Invoice with a negative PayableAmount (a
// correction), becomes a credit note with the positive amount. The due date is required for an
// invoice; a credit note without one is due on its issue date. The PO number is
// cac:OrderReference/cbc:ID, else cbc:BuyerReference; the PDF becomes the document. Errors: a
// PayableAmount of zero, no due date for an invoice, a due date before the issue date, a PO number
// or id duly cannot store, a reference whose check digits fail.
Result<Invoice> InvoiceFromUbl(const UblDocument& document, const std::string& customer);

}  // namespace duly::einvoice
