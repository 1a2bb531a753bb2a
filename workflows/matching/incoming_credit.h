// duly::IncomingCredit: money that arrived for us, as the matcher reads it.
//
// Promise: a plain description of one credit, independent of where it came from (a CAMT.053 or
// MT940 entry, a Mollie payment). The statement import and the provider code map their records
// into it. Validate() names each failing field by JSON pointer relative to the credit. Plain data;
// thread-compatible.
#pragma once

#include <string>
#include <vector>

#include "workflows/calendar_date.h"
#include "workflows/money.h"
#include "workflows/status.h"

namespace duly {

struct IncomingCredit {
  Money amount;          // > 0
  std::string currency;  // ISO 4217, "EUR"
  CalendarDate value_date{};
  std::string counterparty_name;   // the payer as the bank names it, may be empty
  std::string counterparty_iban;   // the payer's account, any spacing or case, may be empty
  std::string creditor_reference;  // structured reference (OGM, betalingskenmerk, RF), may be empty
  std::string remittance_text;     // unstructured remittance information, may be empty
};

// Errors: "/amount" when not positive, "/currency" when not three upper-case letters.
std::vector<FieldError> Validate(const IncomingCredit& credit);

}  // namespace duly
