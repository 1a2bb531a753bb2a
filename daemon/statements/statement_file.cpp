#include "daemon/statements/statement_file.h"

#include <cstdio>
#include <map>
#include <string>

#include <openssl/evp.h>

#include "daemon/statements/camt053_parser.h"
#include "daemon/statements/mt940_parser.h"

namespace duly::statements {
namespace {

std::string Sha256Hex(std::string_view bytes) {
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), hash, &length, EVP_sha256(), nullptr);
  std::string hex;
  char pair[3];
  for (unsigned int i = 0; i < length; ++i) {
    std::snprintf(pair, sizeof pair, "%02x", hash[i]);
    hex += pair;
  }
  return hex;
}

// Each field as its length, ':' and its bytes, so no two field lists collide.
void AddField(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
}

std::string_view TrimStart(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  while (!bytes.empty() && (bytes.front() == ' ' || bytes.front() == '\t' ||
                            bytes.front() == '\r' || bytes.front() == '\n')) {
    bytes.remove_prefix(1);
  }
  return bytes;
}

// MT940: fields are lines ":NN:" or ":NNa:" (a SWIFT envelope "{1:" may come first).
bool LooksLikeMt940(std::string_view text) {
  auto field_at = [&text](std::size_t at) {
    return at + 3 < text.size() && text[at] == ':' && text[at + 1] >= '0' && text[at + 1] <= '9' &&
           text[at + 2] >= '0' && text[at + 2] <= '9';
  };
  if (text.substr(0, 3) == "{1:" || field_at(0)) return true;
  for (std::size_t at = text.find('\n'); at != std::string_view::npos;
       at = text.find('\n', at + 1)) {
    if (field_at(at + 1)) return true;
  }
  return false;
}

std::string BankReference(const StatementEntry& entry) {
  if (!entry.servicer_reference.empty() && entry.servicer_reference != "NONREF") {
    return entry.servicer_reference;
  }
  if (!entry.entry_reference.empty() && entry.entry_reference != "NONREF") {
    return entry.entry_reference;
  }
  return "";
}

std::string KeyOf(const std::string& account, const StatementEntry& entry) {
  const std::string reference = BankReference(entry);
  if (!reference.empty()) {
    std::string key = account + "|" + reference;
    if (!entry.end_to_end_id.empty() && entry.end_to_end_id != "NOTPROVIDED") {
      key += "|" + entry.end_to_end_id;
    }
    return key;
  }
  std::string fields;
  AddField(fields, FormatCalendarDate(entry.booking_date));
  AddField(fields, FormatCalendarDate(entry.value_date));
  AddField(fields, std::to_string(entry.amount.cents()));
  AddField(fields, entry.currency);
  AddField(fields, entry.counterparty_name);
  AddField(fields, entry.counterparty_iban);
  AddField(fields, entry.creditor_reference);
  AddField(fields, entry.remittance_text);
  AddField(fields, entry.end_to_end_id);
  AddField(fields, entry.bank_transaction_code);
  return account + "|sha256:" + Sha256Hex(fields).substr(0, 32);
}

}  // namespace

Result<StatementFile> ReadStatementFile(std::string_view bytes) {
  StatementFile file;
  const std::string_view start = TrimStart(bytes);
  Result<std::vector<Statement>> parsed = Error{};
  if (!start.empty() && start.front() == '<') {
    file.format = "camt.053";
    parsed = ParseCamt053(bytes);
  } else if (LooksLikeMt940(start)) {
    file.format = "mt940";
    parsed = ParseMt940(bytes);
  } else {
    return FieldInvalid(
        "/", "is neither a CAMT.053 XML document nor an MT940 file (no :NN: field lines)");
  }
  if (!parsed) return std::move(parsed).error();
  file.digest = Sha256Hex(bytes);
  std::map<std::string, int> seen;
  for (const Statement& statement : *parsed) {
    const std::string account =
        statement.account_iban.empty() ? statement.account_id : statement.account_iban;
    if (file.account.empty()) {
      file.account = account;
    } else if (file.account.find(account) == std::string::npos) {
      file.account += ", " + account;
    }
    if (!statement.statement_id.empty()) {
      if (!file.statement_id.empty()) file.statement_id += ", ";
      file.statement_id += statement.statement_id;
    }
    for (const StatementEntry& entry : statement.entries) {
      if (entry.side != EntrySide::kCredit || entry.reversal) {
        ++file.skipped;
        continue;
      }
      StatementLine line;
      line.key = KeyOf(account, entry);
      if (const int n = ++seen[line.key]; n > 1) line.key += "#" + std::to_string(n);
      line.bank_reference = BankReference(entry);
      line.credit.amount = entry.amount;
      line.credit.currency = entry.currency.empty() ? statement.currency : entry.currency;
      line.credit.value_date =
          entry.value_date == CalendarDate{} ? entry.booking_date : entry.value_date;
      line.credit.counterparty_name = entry.counterparty_name;
      line.credit.counterparty_iban = entry.counterparty_iban;
      line.credit.creditor_reference = entry.creditor_reference;
      line.credit.remittance_text = entry.remittance_text;
      file.entries.push_back(std::move(line));
    }
  }
  return file;
}

}  // namespace duly::statements
