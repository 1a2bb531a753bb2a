// PlanAllocation: how a payment and open credit notes settle a chosen set of invoices.
//
// Promise: credit notes are applied first, each to the invoice it corrects when that is in the
// set, then to the others oldest due date first; the payment then covers the invoices' remaining
// amounts oldest due date first (ties by id). Nothing applied exceeds an invoice's open amount, a
// credit note's open amount or the payment; what the payment does not use is the credit balance.
// Allocations come in due-date order and are all > 0. Pure; thread-safe.
#pragma once

#include <vector>

#include "workflows/matching/match_decision.h"
#include "workflows/matching/open_item.h"
#include "workflows/money.h"
#include "workflows/payment.h"

namespace duly {

struct AllocationPlan {
  std::vector<Allocation> allocations;
  std::vector<CreditNoteUse> credit_notes;
  Money credit_balance;
};

// REQUIRES: payment >= 0; every item's open_amount > 0; invoices are of kind invoice, credit
// notes of kind credit note.
AllocationPlan PlanAllocation(Money payment, std::vector<const OpenItem*> invoices,
                              std::vector<const OpenItem*> credit_notes);

// What the invoices still need after the credit notes: sum(invoices) - sum(credit notes), floored
// at zero (a credit note larger than the invoices leaves its rest unapplied).
Money NetAmount(const std::vector<const OpenItem*>& invoices,
                const std::vector<const OpenItem*>& credit_notes);

}  // namespace duly
