// duly::einvoice::UblDocument: what duly reads from a UBL 2.1 Invoice or CreditNote (Peppol BIS
// Billing 3.0): the header, the buyer and seller, the amount to pay, references and the embedded
// PDF. docs/einvoices.md lists which element each field comes from.
//
// Promise: plain data as the parser found it; strings are trimmed element text, empty when the
// element is absent. Amounts are exact Money, signed as written. Thread-compatible values.
#pragma once

#include <optional>
#include <string>

#include "workflows/calendar_date.h"
#include "workflows/money.h"

namespace duly::einvoice {

enum class UblDocumentType { kInvoice, kCreditNote };

// A party (cac:Party under cac:AccountingCustomerParty or cac:AccountingSupplierParty).
struct UblParty {
  std::string endpoint_scheme;    // cbc:EndpointID/@schemeID ("0088", "9925", "EM")
  std::string endpoint_id;        // cbc:EndpointID
  std::string vat_number;         // cac:PartyTaxScheme/cbc:CompanyID (tax scheme VAT, else first)
  std::string registration_name;  // cac:PartyLegalEntity/cbc:RegistrationName
  std::string trading_name;       // cac:PartyName/cbc:Name
  std::string street;             // cac:PostalAddress/cbc:StreetName (+ cbc:BuildingNumber)
  std::string postal_code;        // cac:PostalAddress/cbc:PostalZone
  std::string city;               // cac:PostalAddress/cbc:CityName
  std::string country;            // cac:PostalAddress/cac:Country/cbc:IdentificationCode
  std::string contact_name;       // cac:Contact/cbc:Name
  std::string email;              // cac:Contact/cbc:ElectronicMail
  std::string phone;              // cac:Contact/cbc:Telephone

  // The legal name, else the trading name (empty when the document gives neither).
  const std::string& Name() const {
    return registration_name.empty() ? trading_name : registration_name;
  }
  friend bool operator==(const UblParty&, const UblParty&) = default;
};

// The embedded PDF: cac:AdditionalDocumentReference/cac:Attachment/cbc:EmbeddedDocumentBinaryObject
// with mimeCode application/pdf.
struct UblAttachment {
  std::string filename;    // @filename, empty when absent
  std::string media_type;  // @mimeCode
  std::string content;     // decoded bytes
  friend bool operator==(const UblAttachment&, const UblAttachment&) = default;
};

struct UblDocument {
  UblDocumentType type = UblDocumentType::kInvoice;
  std::string root;       // "Invoice" or "CreditNote": the first step of every XML path
  std::string type_code;  // cbc:InvoiceTypeCode / cbc:CreditNoteTypeCode ("380", "381")
  std::string id;         // cbc:ID
  CalendarDate issued{};  // cbc:IssueDate
  // cbc:DueDate, else cac:PaymentMeans/cbc:PaymentDueDate, else cac:PaymentTerms/
  // cbc:PaymentDueDate; nullopt when none of them is present.
  std::optional<CalendarDate> due;
  std::string currency;              // cbc:DocumentCurrencyCode
  Money payable;                     // cac:LegalMonetaryTotal/cbc:PayableAmount, signed
  std::string payment_id;            // first non-empty cac:PaymentMeans/cbc:PaymentID
  std::string buyer_reference;       // cbc:BuyerReference
  std::string order_reference;       // cac:OrderReference/cbc:ID
  std::string billing_reference;     // cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID
  UblParty buyer;                    // cac:AccountingCustomerParty/cac:Party
  UblParty seller;                   // cac:AccountingSupplierParty/cac:Party
  std::optional<UblAttachment> pdf;  // the first embedded application/pdf attachment
  friend bool operator==(const UblDocument&, const UblDocument&) = default;
};

}  // namespace duly::einvoice
