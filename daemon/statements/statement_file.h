// ReadStatementFile: the bytes of a bank statement file into the StatementFile the store imports.
//
// Promise: the format is detected from the content (an XML document is CAMT.053, any version
// camt.053.001.02 and later; text with ":NN:" field lines is MT940) and parsed whole: the first
// error refuses the file, naming its XML path or line (see camt053_parser.h, mt940_parser.h), so
// nothing of a malformed file is imported. Credit entries become lines; debits and reversals are
// counted in `skipped`. Each line's key is unique per booked entry across files: the account,
// the bank's reference (servicer reference, else entry reference; "NONREF" is none) and the
// end-to-end id, or a SHA-256 of the entry's fields when the bank gives no reference, plus the
// occurrence of that key in the file ("#2" for the second entry with the same key). `digest` is
// the hex SHA-256 of the bytes. Errors: kInvalidArgument (field: XML path, "line N", or "/" when
// the format is not recognised). Pure; thread-safe.
#pragma once

#include <string_view>

#include "workflows/matching/statement_store.h"
#include "workflows/status.h"

namespace duly::statements {

Result<StatementFile> ReadStatementFile(std::string_view bytes);

}  // namespace duly::statements
