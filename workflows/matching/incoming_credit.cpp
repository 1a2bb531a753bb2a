#include "workflows/matching/incoming_credit.h"

namespace duly {

std::vector<FieldError> Validate(const IncomingCredit& credit) {
  std::vector<FieldError> errors;
  if (credit.amount <= Money()) {
    // No ToString() here: the amount may be any value, and Money::ToString(INT64_MIN) overflows.
    errors.push_back({"/amount", "an incoming credit has a positive amount"});
  }
  if (!IsCurrencyCode(credit.currency)) {
    errors.push_back(
        {"/currency", "'" + credit.currency + "' is not a currency code like EUR (ISO 4217)"});
  }
  return errors;
}

}  // namespace duly
