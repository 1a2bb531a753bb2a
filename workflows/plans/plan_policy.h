// duly::PlanPolicy and CheckPlan(): which payment plans a collector may agree without a manager.
//
// Promise: CheckPlan() sorts what is wrong with a draft into two lists. `errors` are never
// acceptable (no invoice, no installment, an amount of 0 or less, a due date before the start or
// not after the previous one, installments that do not add up to the invoices' open amount).
// `exceptions` break the segment's policy (too many installments, an installment below the
// minimum, the last one too late) and are acceptable only when a manager approves them. Each
// entry names its field by JSON pointer into the draft ("/installments/3/amount") and says the
// rule in words: "the 4th installment is EUR 80.00; the minimum is EUR 100.00",
// "7 installments; the maximum is 6". Plain data and pure functions; thread-safe.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "workflows/calendar_date.h"
#include "workflows/money.h"
#include "workflows/status.h"

namespace duly {

struct PlanPolicy {
  int max_installments = 6;
  Money min_installment = Money::FromCents(10000);  // EUR 100.00
  int max_months = 6;  // the last installment is due at most this many months after the start
  friend bool operator==(const PlanPolicy&, const PlanPolicy&) = default;
};

// The policy of each segment, and the one for customers in no listed segment.
struct PlanPolicies {
  PlanPolicy fallback;
  std::map<std::string, PlanPolicy> by_segment;
  const PlanPolicy& For(const std::string& segment) const;
};

struct InstallmentDraft {
  CalendarDate due_on;
  Money amount;
};

// A plan as a collector proposes it.
struct PlanDraft {
  std::string customer;
  std::vector<std::string> invoices;  // the invoices it covers (one or more)
  CalendarDate starts_on;             // the day the plan is agreed; the policy counts from it
  std::vector<InstallmentDraft> installments;
};

struct PlanCheck {
  std::vector<FieldError> errors;      // never acceptable
  std::vector<FieldError> exceptions;  // acceptable with a manager's approval
  bool Acceptable() const { return errors.empty() && exceptions.empty(); }
};

// Checks `draft` against `policy` and the invoices' `open_amount` (in `currency`).
PlanCheck CheckPlan(const PlanDraft& draft, const PlanPolicy& policy, Money open_amount,
                    const std::string& currency);

// "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd".
std::string Ordinal(int n);

// "EUR 80.00".
std::string AmountText(Money amount, const std::string& currency);

// The day `months` calendar months after `day`, clamped to the month's last day (Aug 31 + 6
// months = Feb 28 or 29).
CalendarDate AddMonths(CalendarDate day, int months);

}  // namespace duly
