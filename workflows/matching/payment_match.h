// MatchPayment: decides which open invoices an incoming credit pays.
//
// Promise: the rules are tried in order of confidence and the first that finds anything decides:
// 1+2. Named items: the credit's structured reference (score 100) and every valid reference typed
//    in its free text (95) equal to an open item's reference, together with invoice numbers found
//    in the free text (90), so one payment may name several invoices. When references found items,
//    numbers naming another customer are dropped. The decision's score is its weakest hit's. The
//    named invoices are allocated oldest due date first; credit notes named in the text and those
//    correcting a named invoice are netted (left out when the amount is exact without them; all
//    the customer's open credit notes when only that makes it exact). A rest is the customer's
//    credit balance. A reference with a wrong check digit names nothing.
// 3. Else the payer's IBAN is known for one customer (85) or shared by several (75), and the
//    amount equals one open invoice, one invoice net of the credit notes correcting it, or (80 /
//    70) everything the customer has open in this currency net of credit notes.
// 4. Else the payer's name is one customer's (60; 50 when several customers share it) and the
//    amount equals one open invoice, or one invoice net of the credit notes correcting it.
// Exactly one fitting proposal with a score >= options.min_automatic_score is kMatched. Several,
// a lower score, several customers, an item in another currency, or a customer known with no
// fitting amount (its oldest open items as candidates, score 30) are kAmbiguous. With no customer
// known, open invoices of exactly this amount (score 20) are candidates, never a match. A credit
// in one currency never settles an item in another. Candidates are capped at kMaxCandidates.
// Errors: kInvalidArgument naming "/amount" or "/currency" (see Validate(IncomingCredit)).
// Pure: reads the index only; thread-safe for concurrent calls on one const index.
#pragma once

#include <cstddef>

#include "workflows/matching/incoming_credit.h"
#include "workflows/matching/match_decision.h"
#include "workflows/matching/match_index.h"
#include "workflows/status.h"

namespace duly {

inline constexpr std::size_t kMaxCandidates = 10;

struct MatchOptions {
  int min_automatic_score = 60;  // below this a single proposal still goes to a person
};

Result<MatchDecision> MatchPayment(const IncomingCredit& credit, const MatchIndex& index,
                                   const MatchOptions& options = {});

}  // namespace duly
