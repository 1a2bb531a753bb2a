#include "workflows/matching/match_decision.h"

namespace duly {

const char* MatchRuleName(MatchRule rule) {
  switch (rule) {
    case MatchRule::kStructuredReference:
      return "structured_reference";
    case MatchRule::kReferenceInText:
      return "reference_in_text";
    case MatchRule::kInvoiceNumber:
      return "invoice_number";
    case MatchRule::kAmountAndIban:
      return "amount_and_iban";
    case MatchRule::kAmountAndName:
      return "amount_and_name";
    case MatchRule::kCustomerOpenItems:
      return "customer_open_items";
    case MatchRule::kAmountOnly:
      return "amount_only";
  }
  return "amount_only";
}

const char* MatchOutcomeName(MatchOutcome outcome) {
  switch (outcome) {
    case MatchOutcome::kMatched:
      return "matched";
    case MatchOutcome::kAmbiguous:
      return "ambiguous";
    case MatchOutcome::kUnmatched:
      return "unmatched";
  }
  return "unmatched";
}

}  // namespace duly
