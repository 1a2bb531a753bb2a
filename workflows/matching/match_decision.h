// duly::MatchDecision: what the matcher concluded about one incoming credit.
//
// Promise: a decision is either
// - kMatched: `allocations` say which invoices the credit pays (in due-date order, oldest first;
//   a partial payment covers the oldest first), `credit_notes` which open credit notes are netted
//   against which invoice, and `credit_balance` what is left for the customer (an overpayment).
//   Allocations never exceed the credit's amount nor an invoice's open amount, share the credit's
//   currency, and allocations + credit_balance == the credit's amount. Invoice open amount >=
//   its allocation + the credit notes applied to it.
// - kAmbiguous: candidates exist but a person must choose (two invoices fit equally, several
//   customers, a currency that differs, a confidence below the automatic threshold, or a
//   customer known but no amount that fits). Nothing is allocated.
// - kUnmatched: no candidate at all.
// `candidates` lists every item considered, best first, each with the rule that found it and a
// score 0..100, so a reconciliation queue can show them. Plain data; thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "workflows/calendar_date.h"
#include "workflows/invoice.h"
#include "workflows/money.h"
#include "workflows/payment.h"

namespace duly {

// The rules, in order of confidence (issue 6, item 2).
enum class MatchRule {
  kStructuredReference,  // the credit's structured reference equals the item's
  kReferenceInText,      // a valid reference typed in the free text equals the item's
  kInvoiceNumber,        // the item's number appears in the free text
  kAmountAndIban,        // the payer's IBAN is known for the customer and the amount fits
  kAmountAndName,        // the payer's name is the customer's and the amount fits one invoice
  kCustomerOpenItems,    // the customer is known but no amount fits: its open items, for a person
  kAmountOnly,           // no customer known: items of any customer with exactly this amount
};
const char* MatchRuleName(MatchRule rule);  // "structured_reference", "reference_in_text", ...

enum class MatchOutcome { kMatched, kAmbiguous, kUnmatched };
const char* MatchOutcomeName(MatchOutcome outcome);  // "matched", "ambiguous", "unmatched"

struct MatchCandidate {
  std::string item;      // invoice or credit note id
  std::string customer;  // customer id
  InvoiceKind kind = InvoiceKind::kInvoice;
  Money open_amount;
  std::string currency;
  CalendarDate due{};
  MatchRule rule = MatchRule::kAmountOnly;
  int score = 0;                   // 0..100
  bool currency_mismatch = false;  // never applied automatically
  friend bool operator==(const MatchCandidate&, const MatchCandidate&) = default;
};

// An open credit note netted against an invoice.
struct CreditNoteUse {
  std::string credit_note;  // credit note id
  std::string invoice;      // invoice id
  Money amount;             // > 0
  friend bool operator==(const CreditNoteUse&, const CreditNoteUse&) = default;
};

struct MatchDecision {
  MatchOutcome outcome = MatchOutcome::kUnmatched;
  std::optional<MatchRule> rule;  // the weakest rule the decision rests on; none when unmatched
  int score = 0;                  // of that rule, 0..100
  std::string customer;  // when matched, or when the payer is one known customer; else empty
  std::vector<Allocation> allocations;
  std::vector<CreditNoteUse> credit_notes;
  Money credit_balance;  // the part of the credit no invoice takes (overpayment)
  std::vector<MatchCandidate> candidates;
  std::string reason;  // in words, for the queue: "2 open invoices of C1 are 150.00 EUR"
};

}  // namespace duly
