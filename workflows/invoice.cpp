#include "workflows/invoice.h"

#include <utility>

#include "workflows/field_rules.h"
#include "workflows/payment_reference.h"

namespace duly {
namespace {

void Add(std::vector<FieldError>& errors, std::string field, std::optional<std::string> problem) {
  if (problem) errors.push_back(FieldError{std::move(field), std::move(*problem)});
}

bool IsMediaType(std::string_view type) {
  const auto slash = type.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == type.size()) return false;
  for (char c : type) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    std::string_view("/.+-_").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return type.find('/', slash + 1) == std::string_view::npos;
}

void ValidateDocument(const InvoiceDocument& document, std::vector<FieldError>& errors) {
  if (document.filename.empty()) {
    errors.push_back({"/document/filename", "is required"});
  } else if (auto problem = TextProblem(document.filename, kMaxNameLength)) {
    errors.push_back({"/document/filename", std::move(*problem)});
  } else if (document.filename.find_first_of("/\\") != std::string::npos) {
    errors.push_back({"/document/filename", "must be a file name without / or \\"});
  }
  if (!IsMediaType(document.media_type)) {
    errors.push_back({"/document/media_type", "must be a media type like application/pdf"});
  }
  if (document.content.empty()) errors.push_back({"/document/content", "must not be empty"});
}

}  // namespace

const char* InvoiceKindName(InvoiceKind kind) {
  return kind == InvoiceKind::kCreditNote ? "credit_note" : "invoice";
}

std::optional<InvoiceKind> ParseInvoiceKind(std::string_view text) {
  if (text == "invoice") return InvoiceKind::kInvoice;
  if (text == "credit_note") return InvoiceKind::kCreditNote;
  return std::nullopt;
}

const char* InvoiceStatusName(InvoiceStatus status) {
  switch (status) {
    case InvoiceStatus::kOpen:
      return "open";
    case InvoiceStatus::kPaid:
      return "paid";
    case InvoiceStatus::kCredited:
      return "credited";
    case InvoiceStatus::kWrittenOff:
      return "written_off";
  }
  return "open";
}

std::optional<InvoiceStatus> ParseInvoiceStatus(std::string_view text) {
  for (auto status : {InvoiceStatus::kOpen, InvoiceStatus::kPaid, InvoiceStatus::kCredited,
                      InvoiceStatus::kWrittenOff}) {
    if (text == InvoiceStatusName(status)) return status;
  }
  return std::nullopt;
}

std::vector<FieldError> Validate(const Invoice& invoice) {
  std::vector<FieldError> errors;
  Add(errors, "/id", IdProblem(invoice.id));
  Add(errors, "/customer", IdProblem(invoice.customer));
  if (invoice.due < invoice.issued) {
    errors.push_back(
        {"/due", "must be on or after the issue date " + FormatCalendarDate(invoice.issued)});
  }
  if (invoice.amount.cents() <= 0) {
    errors.push_back({"/amount", "must be more than 0 (a credit note's amount is positive too)"});
  }
  if (invoice.open_amount.IsNegative()) {
    errors.push_back({"/open_amount", "must not be negative"});
  } else if (invoice.open_amount > invoice.amount) {
    errors.push_back(
        {"/open_amount", "must not be more than the amount " + invoice.amount.ToString()});
  }
  if (!IsCurrencyCode(invoice.currency)) {
    errors.push_back({"/currency", "must be a three-letter currency code like EUR"});
  }
  Add(errors, "/po_number", TextProblem(invoice.po_number, kMaxIdLength));
  if (!invoice.reference.empty()) {
    auto reference = ParsePaymentReference(invoice.reference);
    if (!reference) errors.push_back({"/reference", reference.error().message});
  }
  if (!invoice.credits_invoice.empty()) {
    if (invoice.kind != InvoiceKind::kCreditNote) {
      errors.push_back({"/credits_invoice",
                        "only a credit note can name the invoice it credits; leave it empty or "
                        "set kind to credit_note"});
    } else if (auto problem = IdProblem(invoice.credits_invoice)) {
      errors.push_back({"/credits_invoice", std::move(*problem)});
    } else if (invoice.credits_invoice == invoice.id) {
      errors.push_back({"/credits_invoice",
                        "must name another invoice, not the credit note "
                        "itself"});
    }
  }
  if (invoice.document) ValidateDocument(*invoice.document, errors);
  return errors;
}

}  // namespace duly
