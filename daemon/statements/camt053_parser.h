// ParseCamt053: ISO 20022 camt.053 (BankToCustomerStatement, versions .001.02 to .001.08) into
// duly::statements::Statement.
//
// Promise: bytes in, statements out, no I/O. Elements are matched by local name, so any
// namespace prefix or version works. Every <Stmt> yields one Statement, every TxDtls of an entry
// one StatementEntry (an entry without TxDtls yields one). Dates are read from <Dt> or <DtTm>.
// The first error stops parsing and names its XML path, e.g.
// "/Document/BkToCstmrStmt/Stmt[1]/Ntry[2]/Amt", in Error::fields[0].field and in the message.
// Refused: a document with a DOCTYPE (no DTDs, no entities), malformed XML, a document with no
// <Stmt>, a missing or malformed amount, currency, credit/debit mark or date, amounts with a
// non-zero digit beyond cents (18.150 is accepted as 18.15; 18.155 is refused, never rounded).
// Thread-safe: pure function.
#pragma once

#include <string_view>
#include <vector>

#include "daemon/statements/statement.h"
#include "workflows/status.h"

namespace duly::statements {

Result<std::vector<Statement>> ParseCamt053(std::string_view document);

}  // namespace duly::statements
