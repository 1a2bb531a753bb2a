// duly::statements: the common model every bank statement format (CAMT.053, MT940) is parsed into.
//
// Promise: a Statement is one account's statement for one period with its booked entries. Amounts
// are exact Money in minor units; an entry's amount is never negative, its direction is `side`.
// Text fields are empty when the file does not carry them. Plain data: copyable, not synchronised.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "workflows/calendar_date.h"
#include "workflows/money.h"

namespace duly::statements {

enum class EntrySide { kCredit, kDebit };

// A booked balance (opening or closing). `amount` is signed: negative for a debit balance.
struct StatementBalance {
  Money amount;
  std::string currency;
  CalendarDate date;
  friend bool operator==(const StatementBalance&, const StatementBalance&) = default;
};

// One movement of money. A CAMT entry with several TxDtls yields one StatementEntry per TxDtls.
struct StatementEntry {
  std::string entry_reference;     // CAMT NtryRef / MT940 :61: customer reference
  std::string servicer_reference;  // CAMT AcctSvcrRef / MT940 :61: bank reference
  CalendarDate booking_date;
  CalendarDate value_date;
  Money amount;  // never negative
  EntrySide side = EntrySide::kCredit;
  bool reversal = false;  // CAMT RvslInd true / MT940 RC or RD
  std::string currency;
  std::string counterparty_name;
  std::string counterparty_iban;
  std::string creditor_reference;  // structured (RF.., OGM, Swiss ISR, betalingskenmerk)
  std::string remittance_text;     // unstructured, joined with ' ' when given in parts
  std::string end_to_end_id;
  std::string bank_transaction_code;  // CAMT "PMNT/RCDT/AUTT" or proprietary code; MT940 "NTRF"
};

struct Statement {
  std::string account_iban;  // empty when the account is not given as an IBAN
  std::string account_id;    // the account as written in the file
  std::string currency;
  std::string statement_id;  // CAMT Stmt/Id / MT940 :20:
  std::optional<StatementBalance> opening_balance;
  std::optional<StatementBalance> closing_balance;
  std::vector<StatementEntry> entries;
};

}  // namespace duly::statements
