// duly::PaymentPlan: a plan agreed with a customer to pay some invoices in installments.
//
// Promise: plain data. States of a plan:
//   (policy break, exception asked) proposed --approve--> active
//   (within policy, or approved at once) active --all installments paid--> completed
//                                         active --an installment unpaid after the grace--> broken
//   proposed / active --cancel--> cancelled
// An installment is pending, paid (payments allocated to it cover it) or missed (past its due
// date unpaid; paid again once payments catch up). PlanStateName()/ParsePlanState() and the
// installment versions give the stored lower-case names.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "workflows/calendar_date.h"
#include "workflows/money.h"
#include "workflows/status.h"

namespace duly {

enum class PlanState { kProposed, kActive, kCompleted, kBroken, kCancelled };
enum class InstallmentState { kPending, kPaid, kMissed };

const char* PlanStateName(PlanState state);
Result<PlanState> ParsePlanState(const std::string& text);
const char* InstallmentStateName(InstallmentState state);
Result<InstallmentState> ParseInstallmentState(const std::string& text);

struct Installment {
  int number = 1;  // 1-based
  CalendarDate due_on;
  Money amount;
  Money paid;  // payments allocated to it, at most `amount`
  InstallmentState state = InstallmentState::kPending;
  bool reminded = false;                  // the reminder before the due date went out
  std::optional<CalendarDate> missed_on;  // the day it was found missed
  friend bool operator==(const Installment&, const Installment&) = default;
};

struct PaymentPlan {
  std::int64_t id = 0;
  std::string customer;
  std::vector<std::string> invoices;
  std::string currency = "EUR";
  std::string segment;  // the customer's segment when created ("" when none): its policy applied
  CalendarDate starts_on;
  Money total;  // the invoices' open amount when created = the sum of the installments
  PlanState state = PlanState::kActive;
  std::vector<FieldError> exceptions;  // the policy breaks a manager approved (or must approve)
  std::string approved_by;             // the manager's colleague id; "" when not approved
  std::vector<Installment> installments;
  Instant created_at{};
  std::optional<Instant> closed_at;  // completed, broken or cancelled
};

// Allocates `paid` to installments of `amounts` in order: each is covered in full before the
// next gets anything; a partial payment carries over. Returns what each installment received.
// REQUIRES: every amount > 0.
std::vector<Money> AllocateInOrder(const std::vector<Money>& amounts, Money paid);

}  // namespace duly
