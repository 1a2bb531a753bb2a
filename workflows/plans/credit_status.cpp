#include "workflows/plans/credit_status.h"

#include "workflows/plans/plan_policy.h"

namespace duly {

CreditStatus DecideCreditStatus(const CreditFacts& facts, Money overdue_threshold) {
  CreditStatus status;
  status.overdue_threshold = overdue_threshold;
  const std::string& currency = facts.currency;
  if (facts.overdue_amount > overdue_threshold) {
    status.reasons.push_back({"overdue", AmountText(facts.overdue_amount, currency) +
                                             " is overdue; the threshold is " +
                                             AmountText(overdue_threshold, currency)});
  }
  if (facts.credit_limit && facts.open_amount > *facts.credit_limit) {
    status.reasons.push_back({"credit_limit", AmountText(facts.open_amount, currency) +
                                                  " is open; the credit limit is " +
                                                  AmountText(*facts.credit_limit, currency)});
  }
  for (std::int64_t plan : facts.broken_plans) {
    status.reasons.push_back({"broken_plan", "payment plan " + std::to_string(plan) +
                                                 " broke and its invoices are still open"});
  }
  if (!facts.handed_over.empty()) {
    std::string invoices;
    for (const std::string& invoice : facts.handed_over) {
      invoices += (invoices.empty() ? "" : ", ") + invoice;
    }
    status.reasons.push_back(
        {"handed_over", "handed over to a collection agency: invoice " + invoices});
  }
  if (facts.credit_hold) {
    status.reasons.push_back({"credit_hold", "put on credit hold by " + facts.credit_hold_reason});
  }
  status.hold = !status.reasons.empty();
  return status;
}

}  // namespace duly
