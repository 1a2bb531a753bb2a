// duly::Payment: money received from a customer, and how it is allocated to invoices.
//
// Promise: a payment is immutable once posted (its external id makes posting idempotent);
// allocations never exceed the payment, nor an invoice's open amount, and share its currency.
// What is not allocated stays on the customer as a credit balance. Validate() checks a payment
// as received and names each field by JSON pointer. No I/O; thread-compatible.
#pragma once

#include <string>
#include <vector>

#include "workflows/calendar_date.h"
#include "workflows/money.h"
#include "workflows/status.h"

namespace duly {

struct Allocation {
  std::string invoice;  // invoice id
  Money amount;         // > 0
  friend bool operator==(const Allocation&, const Allocation&) = default;
};

struct Payment {
  std::string id;        // external id (bank entry id, provider id), unique
  std::string customer;  // customer id
  Money amount;          // > 0
  std::string currency = "EUR";
  CalendarDate received{};               // value date
  std::string method = "bank_transfer";  // bank_transfer, direct_debit, card, ideal, cash, other
  std::string reference;                 // structured reference the payer gave, if any
  std::string counterparty_name;
  std::string counterparty_iban;
  std::string remittance;  // unstructured remittance text
  // As requested: explicit allocations. When empty, the store allocates to the customer's open
  // invoices in the payment's currency, oldest due date first. After posting: what was applied.
  std::vector<Allocation> allocations;

  friend bool operator==(const Payment&, const Payment&) = default;
};

bool IsPaymentMethod(std::string_view method);
std::vector<FieldError> Validate(const Payment& payment);

}  // namespace duly
