#include "workflows/cases/case_resolution.h"

#include <algorithm>

namespace duly {

const char* ResolutionKindName(ResolutionKind kind) {
  switch (kind) {
    case ResolutionKind::kCreditNote:
      return "credit_note";
    case ResolutionKind::kCorrectedInvoice:
      return "corrected_invoice";
    case ResolutionKind::kExplained:
      return "explained";
    case ResolutionKind::kOther:
      return "other";
  }
  return "other";
}

std::optional<ResolutionKind> ParseResolutionKind(std::string_view text) {
  for (ResolutionKind kind : {ResolutionKind::kCreditNote, ResolutionKind::kCorrectedInvoice,
                              ResolutionKind::kExplained, ResolutionKind::kOther}) {
    if (text == ResolutionKindName(kind)) return kind;
  }
  return std::nullopt;
}

std::vector<FieldError> Validate(const CaseResolution& resolution,
                                 const std::vector<std::string>& invoices) {
  std::vector<FieldError> errors;
  const bool corrected = resolution.kind == ResolutionKind::kCorrectedInvoice;
  if (resolution.note.size() > 4000) errors.push_back({"/note", "at most 4000 characters"});
  if (corrected) {
    if (!resolution.new_amount && !resolution.new_due) {
      errors.push_back({"/new_amount", "a corrected invoice needs new_amount, new_due or both"});
    }
    if (resolution.new_amount && resolution.new_amount->cents() <= 0) {
      errors.push_back({"/new_amount", "must be more than 0.00"});
    }
    if (resolution.invoice.empty()) {
      if (invoices.size() != 1) {
        errors.push_back({"/invoice", "the case covers several invoices: name the corrected one"});
      }
    } else if (std::find(invoices.begin(), invoices.end(), resolution.invoice) == invoices.end()) {
      errors.push_back({"/invoice", "invoice " + resolution.invoice + " is not under this case"});
    }
  } else {
    if (resolution.new_amount) errors.push_back({"/new_amount", "only for corrected_invoice"});
    if (resolution.new_due) errors.push_back({"/new_due", "only for corrected_invoice"});
    if (!resolution.invoice.empty()) errors.push_back({"/invoice", "only for corrected_invoice"});
  }
  if (resolution.kind == ResolutionKind::kExplained) {
    if (resolution.explanation.empty()) {
      errors.push_back({"/explanation", "an explained complaint needs the text for the customer"});
    } else if (resolution.explanation.size() > 4000) {
      errors.push_back({"/explanation", "at most 4000 characters"});
    }
  } else if (!resolution.explanation.empty()) {
    errors.push_back({"/explanation", "only for explained"});
  }
  return errors;
}

std::string CorrectedInvoice(const CaseResolution& resolution,
                             const std::vector<std::string>& invoices) {
  if (!resolution.invoice.empty()) return resolution.invoice;
  DULY_CHECK(invoices.size() == 1);
  return invoices.front();
}

}  // namespace duly
