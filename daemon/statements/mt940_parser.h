// ParseMt940: SWIFT MT940 customer statements into duly::statements::Statement.
//
// Promise: bytes in, statements out, no I/O. A file may hold several statements, each opened by
// :20:; CRLF and LF both work; envelope lines ({1:..}, "940", "-", bank headers) between
// statements are skipped. Fields read: :20: id, :25: account (IBAN recognised, a trailing
// currency code dropped), :60F:/:60M: opening and :62F:/:62M: closing balance, :61: entries
// (value date YYMMDD, optional entry date MMDD, C/D/RC/RD, optional funds code, amount with a
// decimal comma, transaction type, customer//bank reference, supplementary details) and the
// :86: that follows a :61: (see mt940_details.h). Other fields (:28C:, :64:, :65:, a statement
// level :86:) are skipped.
// The first error stops parsing and names its line ("line 12") in Error::fields[0].field and in
// the message: a field before any :20:, a file without statements, a statement without :25:,
// :60a: or :62a:, a malformed date, mark, currency or amount (a non-zero digit beyond cents is
// refused, never rounded). Thread-safe: pure function.
#pragma once

#include <string_view>
#include <vector>

#include "daemon/statements/statement.h"
#include "workflows/status.h"

namespace duly::statements {

Result<std::vector<Statement>> ParseMt940(std::string_view text);

}  // namespace duly::statements
