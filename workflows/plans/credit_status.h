// duly::CreditStatus: whether the ERP may deliver anything new to a customer.
//
// Promise: DecideCreditStatus() answers hold with every reason that applies, in this order:
// "overdue" (the overdue amount is above the segment's threshold), "credit_limit" (the open
// amount exceeds the customer's credit limit), "broken_plan" (a payment plan broke while its
// invoices are still open), "handed_over" (an invoice is with a collection agency),
// "credit_hold" (a workflow step put the customer on credit hold); ok when none does. Each reason
// carries a sentence with the figures. Plain data; pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "workflows/money.h"

namespace duly {

// What the store reads about a customer for its credit status.
struct CreditFacts {
  std::string customer;
  std::string segment;  // "" when the customer has no collection instance yet
  std::string currency = "EUR";
  Money open_amount;     // all open invoices
  Money overdue_amount;  // open invoices past their due date
  std::optional<Money> credit_limit;
  std::vector<std::int64_t> broken_plans;  // broken plans whose invoices are still open
  std::vector<std::string> handed_over;    // open invoices with a collection agency
  bool credit_hold = false;                // a workflow step's credit_hold
  std::string credit_hold_reason;          // the step that set it ("workflow w / step s")
};

struct CreditReason {
  std::string code;  // overdue, credit_limit, broken_plan, handed_over, credit_hold
  std::string message;
  friend bool operator==(const CreditReason&, const CreditReason&) = default;
};

struct CreditStatus {
  bool hold = false;
  std::vector<CreditReason> reasons;
  Money overdue_threshold;
};

CreditStatus DecideCreditStatus(const CreditFacts& facts, Money overdue_threshold);

}  // namespace duly
