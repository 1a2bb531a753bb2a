// duly::CaseResolution: how a colleague closes a complaint case, and what that does to the
// invoices under it.
//
// Promise: four kinds. credit_note: the invoices are credited (their collection ends);
// corrected_invoice: one invoice gets a new amount and/or due date and its collection resumes;
// explained: the complaint is rejected and `explanation` is sent to the customer; other: the
// invoices resume as they are. Validate() returns one FieldError per problem, by JSON pointer
// relative to the resolution object ("/new_amount"); `invoices` are the case's invoices.
// Plain data; pure functions; thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "workflows/calendar_date.h"
#include "workflows/money.h"
#include "workflows/status.h"

namespace duly {

enum class ResolutionKind { kCreditNote, kCorrectedInvoice, kExplained, kOther };
const char* ResolutionKindName(ResolutionKind kind);  // "credit_note", "corrected_invoice", ...
std::optional<ResolutionKind> ParseResolutionKind(std::string_view text);

struct CaseResolution {
  ResolutionKind kind = ResolutionKind::kOther;
  std::string note;                     // what was done, for the history (any kind)
  std::string invoice;                  // corrected_invoice: which one (may be omitted for one)
  std::optional<Money> new_amount;      // corrected_invoice: the corrected gross amount
  std::optional<CalendarDate> new_due;  // corrected_invoice: the new due date
  std::string explanation;              // explained: the text the customer receives
  friend bool operator==(const CaseResolution&, const CaseResolution&) = default;
};

// Every rule `resolution` breaks for a case over `invoices`; empty when it may be applied.
std::vector<FieldError> Validate(const CaseResolution& resolution,
                                 const std::vector<std::string>& invoices);

// The invoice a corrected_invoice resolution changes (its `invoice`, or the case's only one).
// REQUIRES: Validate() returned no errors and kind is kCorrectedInvoice.
std::string CorrectedInvoice(const CaseResolution& resolution,
                             const std::vector<std::string>& invoices);

}  // namespace duly
