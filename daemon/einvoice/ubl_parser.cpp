#include "daemon/einvoice/ubl_parser.h"

#include <string>

#include <pugixml.hpp>

#include "daemon/einvoice/ubl_xml.h"
#include "workflows/base64.h"

namespace duly::einvoice {
namespace {

constexpr std::string_view kUblSchemaPrefix = "urn:oasis:names:specification:ubl:schema:xsd:";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Case-insensitive search for a markup declaration ("<!doctype", "<!entity").
bool HasDeclaration(std::string_view xml, std::string_view declaration) {
  for (std::size_t i = 0; i + declaration.size() <= xml.size(); ++i) {
    if (xml[i] != '<') continue;
    std::size_t k = 0;
    while (k < declaration.size() && (xml[i + k] | 0x20) == (declaration[k] | 0x20)) ++k;
    if (k == declaration.size()) return true;
  }
  return false;
}

// An xsd:decimal ("729", "100.11", "-3.5", "+.50", "1200.000") as Money; a non-zero digit beyond
// cents is refused, never rounded.
Result<Money> ParseAmount(std::string_view text) {
  std::string sign;
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    if (text.front() == '-') sign = "-";
    text.remove_prefix(1);
  }
  const auto dot = text.find('.');
  std::string whole(text.substr(0, dot));
  std::string fraction(dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1));
  if (whole.empty() && fraction.empty()) {
    return InvalidArgument("must be a decimal amount like 1250.00");
  }
  for (char c : whole + fraction) {
    if (!IsDigit(c)) return InvalidArgument("must be a decimal amount like 1250.00");
  }
  while (fraction.size() > 2 && fraction.back() == '0') fraction.pop_back();
  if (fraction.size() > 2) {
    return InvalidArgument("has a non-zero digit beyond cents (" + std::string(text) +
                           "); duly keeps amounts in cents and never rounds");
  }
  if (whole.empty()) whole = "0";
  return Money::Parse(sign + whole + (fraction.empty() ? "" : "." + fraction));
}

// An xsd:date: "YYYY-MM-DD", optionally followed by "Z" or an offset "+hh:mm" (the day as
// written is kept; the offset is dropped).
Result<CalendarDate> ParseDate(const std::string& text) {
  const std::string_view zone = text.size() > 10 ? std::string_view(text).substr(10) : "";
  const bool zone_ok =
      zone.empty() || zone == "Z" ||
      (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && IsDigit(zone[1]) &&
       IsDigit(zone[2]) && zone[3] == ':' && IsDigit(zone[4]) && IsDigit(zone[5]));
  auto day = zone_ok ? ParseCalendarDate(std::string_view(text).substr(0, 10))
                     : Result<CalendarDate>(InvalidArgument("bad zone"));
  if (!day) return InvalidArgument("is not a date (YYYY-MM-DD): \"" + text + "\"");
  return day;
}

// The date at `path` below `parent`: nullopt when absent, an error naming it when malformed.
Result<std::optional<CalendarDate>> ReadDate(const pugi::xml_node& parent, std::string_view path) {
  const pugi::xml_node element = Find(parent, path);
  if (!element) return std::optional<CalendarDate>();
  auto day = ParseDate(TextOf(element));
  if (!day) return UblError(element, "", day.error().message);
  return std::optional<CalendarDate>(*day);
}

Result<CalendarDate> RequiredDate(const pugi::xml_node& parent, std::string_view path) {
  auto day = ReadDate(parent, path);
  if (!day) return std::move(day).error();
  if (!*day) return UblError(parent, path, "is missing");
  return **day;
}

std::string VatNumber(const pugi::xml_node& party) {
  std::string first;
  for (const pugi::xml_node& scheme : FindAll(party, "cac:PartyTaxScheme")) {
    std::string company = TextAt(scheme, "cbc:CompanyID");
    if (company.empty()) continue;
    if (TextAt(scheme, "cac:TaxScheme/cbc:ID") == "VAT") return company;
    if (first.empty()) first = std::move(company);
  }
  return first;
}

UblParty ReadParty(const pugi::xml_node& party) {
  UblParty out;
  const pugi::xml_node endpoint = Find(party, "cbc:EndpointID");
  out.endpoint_id = TextOf(endpoint);
  out.endpoint_scheme = endpoint.attribute("schemeID").value();
  out.vat_number = VatNumber(party);
  out.registration_name = TextAt(party, "cac:PartyLegalEntity/cbc:RegistrationName");
  out.trading_name = TextAt(party, "cac:PartyName/cbc:Name");
  const pugi::xml_node address = Find(party, "cac:PostalAddress");
  out.street = TextAt(address, "cbc:StreetName");
  if (std::string number = TextAt(address, "cbc:BuildingNumber"); !number.empty()) {
    out.street += (out.street.empty() ? "" : " ") + number;
  }
  out.postal_code = TextAt(address, "cbc:PostalZone");
  out.city = TextAt(address, "cbc:CityName");
  out.country = TextAt(address, "cac:Country/cbc:IdentificationCode");
  const pugi::xml_node contact = Find(party, "cac:Contact");
  out.contact_name = TextAt(contact, "cbc:Name");
  out.email = TextAt(contact, "cbc:ElectronicMail");
  out.phone = TextAt(contact, "cbc:Telephone");
  return out;
}

bool IsPdf(std::string_view mime) {
  constexpr std::string_view kPdf = "application/pdf";
  if (mime.size() != kPdf.size()) return false;
  for (std::size_t i = 0; i < mime.size(); ++i) {
    if ((mime[i] | 0x20) != kPdf[i]) return false;
  }
  return true;
}

// The first embedded application/pdf attachment; its base64 may be wrapped over lines.
Result<std::optional<UblAttachment>> ReadPdf(const pugi::xml_node& root) {
  for (const pugi::xml_node& reference : FindAll(root, "cac:AdditionalDocumentReference")) {
    const pugi::xml_node object =
        Find(reference, "cac:Attachment/cbc:EmbeddedDocumentBinaryObject");
    if (!object || !IsPdf(object.attribute("mimeCode").value())) continue;
    std::string compact;
    for (const char* c = object.child_value(); *c != '\0'; ++c) {
      if (*c != ' ' && *c != '\t' && *c != '\r' && *c != '\n') compact += *c;
    }
    auto content = DecodeBase64(compact);
    if (!content) return UblError(object, "", "is not valid base64: " + content.error().message);
    if (content->empty()) return UblError(object, "", "holds an empty attachment");
    return std::optional<UblAttachment>(
        UblAttachment{object.attribute("filename").value(), "application/pdf", *content});
  }
  return std::optional<UblAttachment>();
}

Status ReadAmounts(const pugi::xml_node& root, UblDocument& document) {
  const pugi::xml_node total = Find(root, "cac:LegalMonetaryTotal");
  if (!total) return UblError(root, "cac:LegalMonetaryTotal", "is missing");
  const pugi::xml_node payable = Find(total, "cbc:PayableAmount");
  if (!payable) return UblError(total, "cbc:PayableAmount", "is missing");
  auto amount = ParseAmount(TextOf(payable));
  if (!amount) return UblError(payable, "", amount.error().message);
  document.payable = *amount;
  const std::string currency = payable.attribute("currencyID").value();
  if (!currency.empty() && currency != document.currency) {
    return UblError(payable, "",
                    "is in " + currency + " but the document currency is " + document.currency);
  }
  return Status::Ok();
}

Status ReadDue(const pugi::xml_node& root, UblDocument& document) {
  auto due = ReadDate(root, "cbc:DueDate");
  if (!due) return std::move(due).error();
  document.due = *due;
  for (const char* holder : {"cac:PaymentMeans", "cac:PaymentTerms"}) {
    for (const pugi::xml_node& block : FindAll(root, holder)) {
      auto day = ReadDate(block, "cbc:PaymentDueDate");
      if (!day) return std::move(day).error();
      if (!document.due) document.due = *day;
    }
  }
  return Status::Ok();
}

Result<UblDocument> ReadDocument(const pugi::xml_node& root) {
  UblDocument document;
  const std::string_view ns = NamespaceOf(root);
  const std::string_view local = LocalName(root);
  if (local == "Invoice" && ns == kInvoiceNamespace) {
    document.type = UblDocumentType::kInvoice;
    document.type_code = TextAt(root, "cbc:InvoiceTypeCode");
  } else if (local == "CreditNote" && ns == kCreditNoteNamespace) {
    document.type = UblDocumentType::kCreditNote;
    document.type_code = TextAt(root, "cbc:CreditNoteTypeCode");
  } else if (ns.starts_with(kUblSchemaPrefix)) {
    return UblError(root, "",
                    "is a UBL " + std::string(ns.substr(kUblSchemaPrefix.size())) +
                        " document; only UBL Invoice-2 and CreditNote-2 documents are imported");
  } else {
    return UblError(root, "",
                    "is not a UBL Invoice or CreditNote (namespace \"" + std::string(ns) +
                        "\"); only UBL Invoice-2 and CreditNote-2 documents are imported");
  }
  document.root = std::string(local);
  document.id = TextAt(root, "cbc:ID");
  if (document.id.empty()) return UblError(root, "cbc:ID", "is missing");
  auto issued = RequiredDate(root, "cbc:IssueDate");
  if (!issued) return std::move(issued).error();
  document.issued = *issued;
  if (Status due = ReadDue(root, document); !due) return std::move(due).error();
  document.currency = TextAt(root, "cbc:DocumentCurrencyCode");
  if (document.currency.empty()) return UblError(root, "cbc:DocumentCurrencyCode", "is missing");
  if (!IsCurrencyCode(document.currency)) {
    return UblError(Find(root, "cbc:DocumentCurrencyCode"), "",
                    "must be a three-letter currency code like EUR");
  }
  if (Status amounts = ReadAmounts(root, document); !amounts) return std::move(amounts).error();
  for (const pugi::xml_node& means : FindAll(root, "cac:PaymentMeans")) {
    document.payment_id = TextAt(means, "cbc:PaymentID");
    if (!document.payment_id.empty()) break;
  }
  document.buyer_reference = TextAt(root, "cbc:BuyerReference");
  document.order_reference = TextAt(root, "cac:OrderReference/cbc:ID");
  document.billing_reference =
      TextAt(root, "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID");
  const pugi::xml_node customer = Find(root, "cac:AccountingCustomerParty");
  if (!customer) return UblError(root, "cac:AccountingCustomerParty", "is missing");
  const pugi::xml_node buyer = Find(customer, "cac:Party");
  if (!buyer) return UblError(customer, "cac:Party", "is missing");
  document.buyer = ReadParty(buyer);
  document.seller = ReadParty(Find(root, "cac:AccountingSupplierParty/cac:Party"));
  auto pdf = ReadPdf(root);
  if (!pdf) return std::move(pdf).error();
  document.pdf = std::move(*pdf);
  return document;
}

}  // namespace

Result<UblDocument> ParseUblDocument(std::string_view xml) {
  // Refuse DTDs before any parsing: no internal subset, no entity declarations, nothing external.
  if (HasDeclaration(xml, "<!doctype") || HasDeclaration(xml, "<!entity")) {
    return InvalidArgument(
        "UBL: the document has a DOCTYPE or ENTITY declaration; DTDs and "
        "entities are refused",
        {{"/", "DOCTYPE and ENTITY declarations are not allowed"}});
  }
  pugi::xml_document dom;
  // parse_doctype keeps a DOCTYPE as a node so it can be refused; entities are never expanded.
  const unsigned options = pugi::parse_default | pugi::parse_doctype;
  const pugi::xml_parse_result parsed =
      dom.load_buffer(xml.data(), xml.size(), options, pugi::encoding_auto);
  if (!parsed) {
    const std::string where = "offset " + std::to_string(parsed.offset);
    return InvalidArgument("UBL: not well-formed XML at " + where + ": " + parsed.description(),
                           {{where, parsed.description()}});
  }
  pugi::xml_node root;
  for (pugi::xml_node n = dom.first_child(); n; n = n.next_sibling()) {
    if (n.type() == pugi::node_doctype) {
      return InvalidArgument("UBL: the document has a DOCTYPE; DTDs and entities are refused",
                             {{"/", "DOCTYPE is not allowed"}});
    }
    if (n.type() == pugi::node_element && !root) root = n;
  }
  if (!root) return InvalidArgument("UBL: the document has no root element", {{"/", "is empty"}});
  return ReadDocument(root);
}

}  // namespace duly::einvoice
