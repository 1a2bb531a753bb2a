// ApplyMt940Details: reads an MT940 :86: "information to account owner" field into an entry.
//
// Promise: understands the layouts Dutch and German banks use and fills only what it finds:
//  - slash codes (ING /EREF/ /CNTP/iban/bic/name/city/ /REMI/USTD//text/ or /REMI/STRD/CUR/ref/;
//    Rabobank and ABN AMRO /ORDP//NAME/ /BENM//NAME/ /IBAN/ /REMI/ /EREF/),
//  - German (and Triodos) numbered subfields ?00..?63 (or >00..>63): ?20..?29 and ?60..?63
//    remittance with SEPA keys EREF+ and SVWZ+, ?31 counterparty IBAN, ?32..?33 name,
//  - anything else as unstructured remittance text.
// Never fails: an unknown layout is kept whole as remittance text. Thread-safe: pure function.
#pragma once

#include <string_view>

#include "daemon/statements/statement.h"

namespace duly::statements {

// `text` is the field's lines joined without separators (MT940 wraps at 65 characters).
void ApplyMt940Details(std::string_view text, StatementEntry& entry);

}  // namespace duly::statements
