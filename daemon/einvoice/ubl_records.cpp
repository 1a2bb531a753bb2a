#include "daemon/einvoice/ubl_records.h"

#include <cctype>
#include <utility>

#include "workflows/field_rules.h"
#include "workflows/payment_reference.h"

namespace duly::einvoice {
namespace {

Error PathError(const std::string& path, const std::string& message) {
  return InvalidArgument("UBL: " + path + ": " + message, {{path, message}});
}

std::string Upper(std::string_view text) {
  std::string out;
  for (char c : text) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// ISO 639-1 language for the buyer's country: the first official language duly writes in.
std::string LanguageFor(std::string_view country) {
  if (country == "NL" || country == "BE" || country == "SR") return "nl";
  if (country == "FR" || country == "LU" || country == "MC") return "fr";
  if (country == "DE" || country == "AT" || country == "CH" || country == "LI") return "de";
  return "en";
}

// "+31 (0)6-1234 5678" style numbers: separators dropped, "00" read as "+". Empty unless E.164.
std::string E164Phone(std::string_view phone) {
  std::string out;
  for (char c : phone) {
    if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/') continue;
    out += c;
  }
  if (out.starts_with("00")) out = "+" + out.substr(2);
  return IsE164(out) ? out : std::string();
}

bool LooksLikeDigits(std::string_view text) {
  bool digit = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c != ' ' && c != '.' && c != '/') {
      return false;
    }
  }
  return digit;
}

std::string PaymentIdPath(const UblDocument& document) {
  return "/" + document.root + "/cac:PaymentMeans/cbc:PaymentID";
}

}  // namespace

std::string BuyerPath(const UblDocument& document, std::string_view below) {
  std::string path = "/" + document.root + "/cac:AccountingCustomerParty/cac:Party";
  if (!below.empty()) path += "/" + std::string(below);
  return path;
}

std::string NormalisedVatNumber(std::string_view vat) {
  std::string out;
  for (char c : Upper(vat)) {
    if (c != ' ' && c != '.' && c != '-') out += c;
  }
  return out;
}

Result<std::string> NewCustomerId(const UblDocument& document) {
  const UblParty& buyer = document.buyer;
  std::string id;
  std::string path;
  if (!buyer.endpoint_id.empty()) {
    id = "peppol:" + buyer.endpoint_scheme + ":" + buyer.endpoint_id;
    path = BuyerPath(document, "cbc:EndpointID");
  } else if (!buyer.vat_number.empty()) {
    id = "vat:" + NormalisedVatNumber(buyer.vat_number);
    path = BuyerPath(document, "cac:PartyTaxScheme/cbc:CompanyID");
  } else if (!buyer.Name().empty()) {
    id = "name:" + buyer.Name();
    path = BuyerPath(document, buyer.registration_name.empty()
                                   ? "cac:PartyName/cbc:Name"
                                   : "cac:PartyLegalEntity/cbc:RegistrationName");
  } else {
    return PathError(BuyerPath(document, ""),
                     "names no endpoint, VAT number or name, so no customer can be found or "
                     "created for it");
  }
  if (auto problem = IdProblem(id)) {
    return PathError(path, "cannot become the customer id \"" + id + "\": it " + *problem);
  }
  return id;
}

Result<Customer> NewCustomer(const UblDocument& document) {
  const UblParty& buyer = document.buyer;
  auto id = NewCustomerId(document);
  if (!id) return std::move(id).error();
  Customer customer;
  customer.id = *id;
  customer.name = buyer.Name().empty() ? buyer.endpoint_id : buyer.Name();
  if (auto problem = NameProblem(customer.name)) {
    return PathError(BuyerPath(document, "cac:PartyLegalEntity/cbc:RegistrationName"),
                     "cannot be the customer's name: it " + *problem);
  }
  customer.kind = CustomerKind::kB2b;
  customer.currency = document.currency;
  const std::string country = Upper(buyer.country);
  if (country.size() == 2 && std::isupper(static_cast<unsigned char>(country[0])) &&
      std::isupper(static_cast<unsigned char>(country[1]))) {
    customer.address.country = country;
    customer.language = LanguageFor(country);
  }
  if (!TextProblem(buyer.street, kMaxNameLength)) customer.address.street = buyer.street;
  if (!TextProblem(buyer.postal_code, kMaxIdLength))
    customer.address.postal_code = buyer.postal_code;
  if (!TextProblem(buyer.city, kMaxNameLength)) customer.address.city = buyer.city;
  if (const std::string vat = NormalisedVatNumber(buyer.vat_number); !vat.empty()) {
    customer.vat_number = vat;
  }
  if (IsEmailAddress(buyer.email)) {
    customer.email = buyer.email;
  } else if (buyer.endpoint_scheme == "EM" && IsEmailAddress(buyer.endpoint_id)) {
    customer.email = buyer.endpoint_id;
  }
  customer.phone = E164Phone(buyer.phone);
  // Whatever duly would still refuse is dropped field by field, never the whole document.
  for (const FieldError& error : Validate(customer)) {
    if (error.field == "/vat_number") customer.vat_number.clear();
    if (error.field.starts_with("/address")) customer.address = PostalAddress{};
    if (error.field == "/email") customer.email.clear();
  }
  if (auto errors = Validate(customer); !errors.empty()) {
    return PathError(BuyerPath(document, ""),
                     "cannot become a customer: " + errors[0].field + " " + errors[0].message);
  }
  return customer;
}

Result<std::string> StructuredReference(const UblDocument& document) {
  const std::string& text = document.payment_id;
  if (text.empty()) return std::string();
  const std::string upper = Upper(text);
  const bool explicit_form = (upper.starts_with("RF") && upper.size() > 2 &&
                              std::isdigit(static_cast<unsigned char>(upper[2]))) ||
                             upper.starts_with("+++") || upper.starts_with("***");
  const bool digits = LooksLikeDigits(text);
  if (!explicit_form && !digits) return std::string();  // free text such as "Payref1"
  auto reference = ParsePaymentReference(text);
  if (reference) return reference->display;
  const std::string seller = Upper(document.seller.country);
  if (explicit_form || seller == "BE" || seller == "NL") {
    return PathError(PaymentIdPath(document), "\"" + text +
                                                  "\" looks like a structured payment "
                                                  "reference but is not one: " +
                                                  reference.error().message);
  }
  return std::string();  // digits of another country's scheme (a Norwegian KID, ...)
}

Result<Invoice> InvoiceFromUbl(const UblDocument& document, const std::string& customer) {
  const std::string root = "/" + document.root;
  const std::string payable_path = root + "/cac:LegalMonetaryTotal/cbc:PayableAmount";
  Invoice invoice;
  invoice.id = document.id;
  if (auto problem = IdProblem(document.id)) {
    return PathError(root + "/cbc:ID", "cannot be an invoice id: it " + *problem);
  }
  invoice.customer = customer;
  if (document.payable.IsZero()) {
    return PathError(payable_path, "is zero: there is nothing to collect or to credit");
  }
  const bool credit =
      (document.type == UblDocumentType::kCreditNote) != document.payable.IsNegative();
  invoice.kind = credit ? InvoiceKind::kCreditNote : InvoiceKind::kInvoice;
  invoice.amount = document.payable.IsNegative() ? -document.payable : document.payable;
  invoice.open_amount = invoice.amount;
  invoice.currency = document.currency;
  invoice.issued = document.issued;
  if (document.due) {
    invoice.due = *document.due;
  } else if (credit) {
    invoice.due = document.issued;
  } else {
    return PathError(root + "/cbc:DueDate",
                     "is missing, and no cac:PaymentMeans/cbc:PaymentDueDate or "
                     "cac:PaymentTerms/cbc:PaymentDueDate gives a due date; duly cannot remind "
                     "without one (the text of cac:PaymentTerms/cbc:Note is not interpreted)");
  }
  if (invoice.due < invoice.issued) {
    return PathError(root + "/cbc:DueDate",
                     "is before the issue date " + FormatCalendarDate(invoice.issued));
  }
  invoice.po_number =
      document.order_reference.empty() ? document.buyer_reference : document.order_reference;
  if (auto problem = TextProblem(invoice.po_number, kMaxIdLength)) {
    return PathError(root + (document.order_reference.empty() ? "/cbc:BuyerReference"
                                                              : "/cac:OrderReference/cbc:ID"),
                     "cannot be the PO number: it " + *problem);
  }
  auto reference = StructuredReference(document);
  if (!reference) return std::move(reference).error();
  invoice.reference = *reference;
  if (document.pdf) {
    InvoiceDocument pdf;
    pdf.filename = document.pdf->filename;
    for (char& c : pdf.filename) {
      if (c == '/' || c == '\\') c = '_';
    }
    if (pdf.filename.empty() || TextProblem(pdf.filename, kMaxNameLength)) {
      pdf.filename = document.id + ".pdf";
      for (char& c : pdf.filename) {
        if (c == '/' || c == '\\') c = '_';
      }
    }
    pdf.media_type = document.pdf->media_type;
    pdf.content = document.pdf->content;
    invoice.document = std::move(pdf);
  }
  if (auto errors = Validate(invoice); !errors.empty()) {
    return PathError(root,
                     "cannot become an invoice: " + errors[0].field + " " + errors[0].message);
  }
  return invoice;
}

}  // namespace duly::einvoice
