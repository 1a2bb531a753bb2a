#include "daemon/statements/mt940_parser.h"

#include <algorithm>
#include <string>

#include "daemon/statements/mt940_details.h"
#include "daemon/statements/statement_amount.h"

namespace duly::statements {
namespace {

// One tagged field: ":61:" and its first line, plus the lines that continue it.
struct Field {
  std::string tag;
  std::string first;
  std::vector<std::string> more;
  int line = 0;
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

Error AtLine(int line, const std::string& message) {
  const std::string where = "line " + std::to_string(line);
  return InvalidArgument("MT940: " + where + ": " + message, {{where, message}});
}

// ":61:..." -> tag "61"; ":940:" and other lines are not fields.
bool SplitTag(std::string_view line, std::string& tag, std::string& rest) {
  if (line.size() < 4 || line[0] != ':' || !IsDigit(line[1]) || !IsDigit(line[2])) return false;
  std::size_t close = 3;
  if (IsUpper(line[3])) close = 4;
  if (close >= line.size() || line[close] != ':') return false;
  tag = std::string(line.substr(1, close - 1));
  rest = std::string(line.substr(close + 1));
  return true;
}

// The statements' fields, grouped per :20:.
Result<std::vector<std::vector<Field>>> Group(std::string_view text) {
  std::vector<std::vector<Field>> groups;
  int number = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string tag;
    std::string rest;
    if (SplitTag(line, tag, rest)) {
      if (tag == "20") groups.emplace_back();
      if (groups.empty()) return AtLine(number, "field :" + tag + ": appears before any :20:");
      groups.back().push_back(Field{tag, rest, {}, number});
    } else if (!groups.empty() && !line.empty()) {
      groups.back().back().more.emplace_back(line);
    }
  }
  if (groups.empty())
    return AtLine(std::max(number, 1), "no statement: the file has no :20: field");
  return groups;
}

Result<CalendarDate> YyMmDd(std::string_view text, int line) {
  if (text.size() != 6 || !std::all_of(text.begin(), text.end(), IsDigit)) {
    return AtLine(line, "date \"" + std::string(text) + "\" is not YYMMDD");
  }
  const int yy = (text[0] - '0') * 10 + (text[1] - '0');
  const date::year_month_day day{
      date::year(yy < 80 ? 2000 + yy : 1900 + yy),
      date::month(static_cast<unsigned>((text[2] - '0') * 10 + (text[3] - '0'))),
      date::day(static_cast<unsigned>((text[4] - '0') * 10 + (text[5] - '0')))};
  if (!day.ok()) return AtLine(line, "date \"" + std::string(text) + "\" is not a real day");
  return CalendarDate(day);
}

Result<Money> Amount(std::string_view text, int line) {
  if (text.find(',') == std::string_view::npos) {
    return AtLine(line, "amount \"" + std::string(text) + "\" has no decimal comma");
  }
  auto money = ParseStatementAmount(text, ',');
  if (!money) return AtLine(line, money.error().message);
  return *money;
}

// ":60F:C140119EUR662,23"
Result<StatementBalance> Balance(const Field& field) {
  const std::string_view text = field.first;
  if (text.size() < 11 || (text[0] != 'C' && text[0] != 'D')) {
    return AtLine(field.line, ":" + field.tag + ": must be C|D YYMMDD currency amount");
  }
  auto day = YyMmDd(text.substr(1, 6), field.line);
  if (!day) return day.error();
  const std::string currency(text.substr(7, 3));
  if (!IsCurrencyCode(currency)) {
    return AtLine(field.line, "currency \"" + currency + "\" is not a three-letter code");
  }
  auto amount = Amount(text.substr(10), field.line);
  if (!amount) return amount.error();
  return StatementBalance{text[0] == 'D' ? -*amount : *amount, currency, *day};
}

std::string Trim(std::string_view text) {
  const auto begin = text.find_first_not_of(' ');
  if (begin == std::string_view::npos) return {};
  return std::string(text.substr(begin, text.find_last_not_of(' ') - begin + 1));
}

// ":61:1402200220C1,56NTRFEREF//00000000001"
Result<StatementEntry> Transaction(const Field& field, const std::string& currency) {
  std::string_view text = field.first;
  StatementEntry entry;
  entry.currency = currency;
  auto value = YyMmDd(text.substr(0, 6), field.line);
  if (!value) return value.error();
  entry.value_date = *value;
  entry.booking_date = *value;
  text.remove_prefix(std::min<std::size_t>(6, text.size()));
  if (text.size() >= 4 && std::all_of(text.begin(), text.begin() + 4, IsDigit)) {
    const date::year_month_day v(*value);
    const unsigned month = static_cast<unsigned>((text[0] - '0') * 10 + (text[1] - '0'));
    const unsigned dd = static_cast<unsigned>((text[2] - '0') * 10 + (text[3] - '0'));
    int year = static_cast<int>(v.year());
    const int gap = static_cast<int>(month) - static_cast<int>(static_cast<unsigned>(v.month()));
    if (gap > 6) --year;
    if (gap < -6) ++year;
    const date::year_month_day booked{date::year(year), date::month(month), date::day(dd)};
    if (!booked.ok()) {
      return AtLine(field.line,
                    "entry date \"" + std::string(text.substr(0, 4)) + "\" is not MMDD");
    }
    entry.booking_date = CalendarDate(booked);
    text.remove_prefix(4);
  }
  if (text.substr(0, 2) == "RC" || text.substr(0, 2) == "RD") {
    entry.reversal = true;
    text.remove_prefix(1);
  }
  if (text.empty() || (text[0] != 'C' && text[0] != 'D')) {
    return AtLine(field.line, ":61: needs a C, D, RC or RD mark after the date");
  }
  entry.side = text[0] == 'C' ? EntrySide::kCredit : EntrySide::kDebit;
  text.remove_prefix(1);
  if (!text.empty() && IsUpper(text[0])) text.remove_prefix(1);  // funds code
  std::size_t length = 0;
  while (length < text.size() && (IsDigit(text[length]) || text[length] == ',')) ++length;
  auto amount = Amount(text.substr(0, length), field.line);
  if (!amount) return amount.error();
  entry.amount = *amount;
  text.remove_prefix(length);
  if (text.size() < 4 || (text[0] != 'N' && text[0] != 'F' && text[0] != 'S')) {
    return AtLine(field.line, ":61: needs a transaction type (N, F or S and three characters)");
  }
  entry.bank_transaction_code = std::string(text.substr(0, 4));
  text.remove_prefix(4);
  const auto slashes = text.find("//");
  entry.entry_reference = Trim(text.substr(0, slashes));
  if (entry.entry_reference == "NONREF") entry.entry_reference.clear();
  if (slashes != std::string_view::npos) entry.servicer_reference = Trim(text.substr(slashes + 2));
  // Supplementary details: some banks (Rabobank) put the counterparty's IBAN there.
  if (!field.more.empty()) {
    const std::string first = Trim(field.more.front());
    const std::string account = first.substr(0, first.find(' '));
    if (HasIbanShape(account)) entry.counterparty_iban = account;
  }
  return entry;
}

Result<Statement> ReadStatement(const std::vector<Field>& fields) {
  Statement statement;
  statement.statement_id = Trim(fields.front().first);
  if (statement.statement_id.empty()) return AtLine(fields.front().line, ":20: is empty");
  bool has_account = false;
  bool after_transaction = false;
  for (const Field& field : fields) {
    const bool transaction = field.tag == "61";
    if (field.tag == "25") {
      has_account = true;
      statement.account_id = Trim(field.first);
    } else if (field.tag == "60F" || field.tag == "60M") {
      auto balance = Balance(field);
      if (!balance) return balance.error();
      if (!statement.opening_balance) statement.opening_balance = *balance;
      if (statement.currency.empty()) statement.currency = balance->currency;
    } else if (field.tag == "62F" || field.tag == "62M") {
      auto balance = Balance(field);
      if (!balance) return balance.error();
      statement.closing_balance = *balance;
    } else if (transaction) {
      if (!statement.opening_balance) {
        return AtLine(field.line, ":61: comes before the opening balance :60F: or :60M:");
      }
      auto entry = Transaction(field, statement.currency);
      if (!entry) return entry.error();
      statement.entries.push_back(std::move(*entry));
    } else if (field.tag == "86" && after_transaction) {
      std::string joined = field.first;
      for (const std::string& more : field.more) joined += more;
      ApplyMt940Details(joined, statement.entries.back());
    }
    after_transaction = transaction;
  }
  // "NL34RABO0142623393 EUR" or ING's "NL77INGB0574908765EUR": drop the currency.
  std::string token = statement.account_id.substr(0, statement.account_id.find(' '));
  if (statement.currency.size() == 3 && token.size() > 3 && token.ends_with(statement.currency) &&
      HasIbanShape(token.substr(0, token.size() - 3))) {
    token.resize(token.size() - 3);
  }
  if (HasIbanShape(token)) statement.account_iban = token;
  const int line = fields.front().line;
  if (!has_account) return AtLine(line, "statement " + statement.statement_id + " has no :25:");
  if (!statement.opening_balance) {
    return AtLine(line, "statement " + statement.statement_id + " has no :60F: or :60M:");
  }
  if (!statement.closing_balance) {
    return AtLine(line, "statement " + statement.statement_id + " has no :62F: or :62M:");
  }
  return statement;
}

}  // namespace

Result<std::vector<Statement>> ParseMt940(std::string_view text) {
  auto groups = Group(text);
  if (!groups) return groups.error();
  std::vector<Statement> statements;
  for (const std::vector<Field>& fields : *groups) {
    auto statement = ReadStatement(fields);
    if (!statement) return statement.error();
    statements.push_back(std::move(*statement));
  }
  return statements;
}

}  // namespace duly::statements
