#include "workflows/payment.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <utility>

#include "workflows/customer.h"
#include "workflows/field_rules.h"

namespace duly {
namespace {

constexpr std::array<std::string_view, 6> kMethods = {"bank_transfer", "direct_debit", "card",
                                                      "ideal",         "cash",         "other"};
constexpr std::size_t kMaxRemittanceLength = 1000;

void Add(std::vector<FieldError>& errors, std::string field, std::optional<std::string> problem) {
  if (problem) errors.push_back(FieldError{std::move(field), std::move(*problem)});
}

}  // namespace

bool IsPaymentMethod(std::string_view method) {
  return std::find(kMethods.begin(), kMethods.end(), method) != kMethods.end();
}

std::vector<FieldError> Validate(const Payment& payment) {
  std::vector<FieldError> errors;
  Add(errors, "/id", IdProblem(payment.id));
  Add(errors, "/customer", IdProblem(payment.customer));
  if (payment.amount.cents() <= 0) errors.push_back({"/amount", "must be more than 0"});
  if (!IsCurrencyCode(payment.currency)) {
    errors.push_back({"/currency", "must be a three-letter currency code like EUR"});
  }
  if (!IsPaymentMethod(payment.method)) {
    errors.push_back(
        {"/method", "must be one of bank_transfer, direct_debit, card, ideal, cash, other"});
  }
  // The payer's reference is kept as given: a mistyped reference must not stop money from
  // being booked; matching decides what it is worth.
  Add(errors, "/reference", TextProblem(payment.reference, 140));
  Add(errors, "/counterparty_name", TextProblem(payment.counterparty_name, kMaxNameLength));
  if (!payment.counterparty_iban.empty() && !IsIban(payment.counterparty_iban)) {
    errors.push_back({"/counterparty_iban",
                      "is not a valid IBAN: write it without spaces in capitals, like "
                      "NL91ABNA0417164300, and check it for typing errors"});
  }
  Add(errors, "/remittance", TextProblem(payment.remittance, kMaxRemittanceLength, true));

  std::map<std::string_view, std::size_t> first_index;
  Money allocated;
  bool amounts_ok = true;
  for (std::size_t i = 0; i < payment.allocations.size(); ++i) {
    const Allocation& allocation = payment.allocations[i];
    const std::string at = "/allocations/" + std::to_string(i);
    if (auto problem = IdProblem(allocation.invoice)) {
      errors.push_back({at + "/invoice", std::move(*problem)});
    } else if (auto [it, inserted] = first_index.emplace(allocation.invoice, i); !inserted) {
      errors.push_back({at + "/invoice", "invoice " + allocation.invoice +
                                             " is already allocated in /allocations/" +
                                             std::to_string(it->second) +
                                             "; put its whole amount in one allocation"});
    }
    if (allocation.amount.cents() <= 0) {
      errors.push_back({at + "/amount", "must be more than 0"});
      amounts_ok = false;
    } else {
      allocated += allocation.amount;
    }
  }
  if (amounts_ok && allocated > payment.amount && payment.amount.cents() > 0) {
    errors.push_back({"/allocations", "allocate " + allocated.ToString() +
                                          " in total, more than the payment amount " +
                                          payment.amount.ToString()});
  }
  return errors;
}

}  // namespace duly
