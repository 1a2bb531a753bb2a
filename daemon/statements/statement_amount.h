// Decimal amounts and account numbers as banks write them.
//
// Promise: "18.15", "18.150", "000000001000,00", "9," parse exactly; extra fraction digits are
// accepted only when they are zeros (18.150 is 18.15), never rounded: "18.155" is an error
// because duly keeps cents and will not invent or lose money. Pure functions; thread-safe.
#pragma once

#include <string_view>

#include "workflows/money.h"
#include "workflows/status.h"

namespace duly::statements {

// Parses unsigned "digits[<separator>digits]" into Money. Errors (kInvalidArgument, message
// only; callers add the field): empty text, no digits, a non-digit, a non-zero third or later
// fraction digit, more than 13 integer digits after leading zeros.
Result<Money> ParseStatementAmount(std::string_view text, char separator);

// True when `text` has the shape of an IBAN: two capital letters, two digits, then 11 to 30
// capitals or digits. The check digits are not verified: a bank's own statement is taken as
// written (test files from banks carry made-up account numbers).
bool HasIbanShape(std::string_view text);

}  // namespace duly::statements
