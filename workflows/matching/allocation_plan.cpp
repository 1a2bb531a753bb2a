#include "workflows/matching/allocation_plan.h"

#include <algorithm>

namespace duly {
namespace {

bool OlderFirst(const OpenItem* a, const OpenItem* b) {
  if (a->due != b->due) return a->due < b->due;
  return a->id < b->id;
}

}  // namespace

Money NetAmount(const std::vector<const OpenItem*>& invoices,
                const std::vector<const OpenItem*>& credit_notes) {
  Money owed;
  for (const OpenItem* invoice : invoices) owed += invoice->open_amount;
  Money credited;
  for (const OpenItem* note : credit_notes) credited += note->open_amount;
  return credited >= owed ? Money() : owed - credited;
}

AllocationPlan PlanAllocation(Money payment, std::vector<const OpenItem*> invoices,
                              std::vector<const OpenItem*> credit_notes) {
  DULY_CHECK(payment >= Money());
  std::sort(invoices.begin(), invoices.end(), OlderFirst);
  std::sort(credit_notes.begin(), credit_notes.end(), OlderFirst);
  std::vector<Money> remaining;
  remaining.reserve(invoices.size());
  for (const OpenItem* invoice : invoices) {
    DULY_CHECK(invoice->open_amount > Money());
    remaining.push_back(invoice->open_amount);
  }

  AllocationPlan plan;
  for (const OpenItem* note : credit_notes) {
    DULY_CHECK(note->open_amount > Money());
    Money left = note->open_amount;
    auto apply = [&](std::size_t i) {
      const Money amount = Min(left, remaining[i]);
      if (amount <= Money()) return;
      plan.credit_notes.push_back({note->id, invoices[i]->id, amount});
      left -= amount;
      remaining[i] -= amount;
    };
    for (std::size_t i = 0; i < invoices.size(); ++i) {
      if (invoices[i]->id == note->credits_invoice) apply(i);
    }
    for (std::size_t i = 0; i < invoices.size() && left > Money(); ++i) apply(i);
  }

  Money left = payment;
  for (std::size_t i = 0; i < invoices.size() && left > Money(); ++i) {
    const Money amount = Min(left, remaining[i]);
    if (amount <= Money()) continue;
    plan.allocations.push_back({invoices[i]->id, amount});
    left -= amount;
  }
  plan.credit_balance = left;
  return plan;
}

}  // namespace duly
