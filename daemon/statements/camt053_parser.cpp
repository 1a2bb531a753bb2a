#include "daemon/statements/camt053_parser.h"

#include <cstring>
#include <string>

#include <pugixml.hpp>

#include "daemon/statements/statement_amount.h"

namespace duly::statements {
namespace {

// The element's local name: "camt:Ntry" -> "Ntry".
std::string_view LocalName(const pugi::xml_node& node) {
  const std::string_view name = node.name();
  const auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Child(const pugi::xml_node& node, std::string_view local) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && LocalName(c) == local) return c;
  }
  return {};
}

std::vector<pugi::xml_node> Children(const pugi::xml_node& node, std::string_view local) {
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && LocalName(c) == local) out.push_back(c);
  }
  return out;
}

// Follows a chain of local names ("RltdPties/Dbtr/Nm"); empty node when any step is missing.
pugi::xml_node Path(pugi::xml_node node, std::string_view path) {
  while (node && !path.empty()) {
    const auto slash = path.find('/');
    node = Child(node, path.substr(0, slash));
    path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash + 1);
  }
  return node;
}

std::string Trimmed(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  const auto end = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(begin, end - begin + 1));
}

std::string Text(const pugi::xml_node& node, std::string_view path) {
  return Trimmed(Path(node, path).child_value());
}

// "/Document/BkToCstmrStmt/Stmt[2]/Ntry[1]/Amt": the position of `node` for error messages.
std::string XmlPath(const pugi::xml_node& node) {
  std::string path;
  for (pugi::xml_node n = node; n && n.type() == pugi::node_element; n = n.parent()) {
    std::string step(LocalName(n));
    int index = 0;
    int count = 0;
    for (pugi::xml_node s = n.parent().first_child(); s; s = s.next_sibling()) {
      if (s.type() != pugi::node_element || LocalName(s) != LocalName(n)) continue;
      ++count;
      if (s == n) index = count;
    }
    if (count > 1 || step == "Stmt" || step == "Ntry" || step == "TxDtls") {
      step += "[" + std::to_string(index) + "]";
    }
    path = "/" + step + path;
  }
  return path;
}

Error At(const pugi::xml_node& node, std::string_view child, const std::string& message) {
  std::string path = XmlPath(node);
  if (!child.empty()) path += "/" + std::string(child);
  return InvalidArgument("camt.053: " + path + ": " + message, {{path, message}});
}

// An <Amt Ccy="EUR">12.50</Amt> child of `parent`.
struct Amount {
  Money money;
  std::string currency;
};

Result<Amount> ReadAmount(const pugi::xml_node& parent, std::string_view name) {
  const pugi::xml_node amt = Child(parent, name);
  if (!amt) return At(parent, name, "is missing");
  auto money = ParseStatementAmount(Trimmed(amt.child_value()), '.');
  if (!money) return At(amt, "", money.error().message);
  std::string currency = amt.attribute("Ccy").value();
  if (!IsCurrencyCode(currency)) {
    return At(amt, "", "attribute Ccy must be a three-letter currency code");
  }
  return Amount{*money, currency};
}

Result<EntrySide> ReadSide(const pugi::xml_node& parent) {
  const std::string mark = Text(parent, "CdtDbtInd");
  if (mark == "CRDT") return EntrySide::kCredit;
  if (mark == "DBIT") return EntrySide::kDebit;
  return At(parent, "CdtDbtInd", "must be CRDT or DBIT, found \"" + mark + "\"");
}

// A date element holding <Dt>YYYY-MM-DD</Dt> or <DtTm>YYYY-MM-DDThh:mm:ss...</DtTm>: the day as
// written (the bank's own calendar day; the time and offset are dropped).
Result<CalendarDate> ReadDate(const pugi::xml_node& parent, std::string_view name) {
  const pugi::xml_node holder = Child(parent, name);
  if (!holder) return At(parent, name, "is missing");
  pugi::xml_node value = Child(holder, "Dt");
  std::string text = Trimmed(value.child_value());
  if (!value) {
    value = Child(holder, "DtTm");
    text = Trimmed(value.child_value()).substr(0, 10);
  }
  if (!value) return At(holder, "", "needs a Dt or DtTm element");
  auto day = ParseCalendarDate(text);
  if (!day) return At(value, "", "is not a date (YYYY-MM-DD): \"" + text + "\"");
  return *day;
}

std::string BankTransactionCode(const pugi::xml_node& holder) {
  const pugi::xml_node code = Child(holder, "BkTxCd");
  if (!code) return {};
  if (const pugi::xml_node domain = Child(code, "Domn")) {
    return Text(domain, "Cd") + "/" + Text(domain, "Fmly/Cd") + "/" +
           Text(domain, "Fmly/SubFmlyCd");
  }
  return Text(code, "Prtry/Cd");
}

std::string AccountIban(const pugi::xml_node& account) {
  std::string iban = Text(account, "Id/IBAN");
  return iban.empty() ? Text(account, "Id/Othr/Id") : iban;
}

// Fills the entry from one TxDtls (or from the Ntry itself when it has none).
Status ReadDetails(const pugi::xml_node& details, StatementEntry& entry) {
  if (!details) return Status::Ok();
  if (Child(details, "Amt")) {
    auto amount = ReadAmount(details, "Amt");
    if (!amount) return amount.error();
    entry.amount = amount->money;
    entry.currency = amount->currency;
  } else if (const pugi::xml_node instructed = Path(details, "AmtDtls/TxAmt")) {
    auto amount = ReadAmount(instructed, "Amt");
    if (!amount) return amount.error();
    entry.amount = amount->money;
    entry.currency = amount->currency;
  }
  if (Child(details, "CdtDbtInd")) {
    auto side = ReadSide(details);
    if (!side) return side.error();
    entry.side = *side;
  }
  if (std::string code = BankTransactionCode(details); !code.empty()) {
    entry.bank_transaction_code = std::move(code);
  }
  const pugi::xml_node refs = Child(details, "Refs");
  if (std::string e2e = Text(refs, "EndToEndId"); !e2e.empty() && e2e != "NOTPROVIDED") {
    entry.end_to_end_id = std::move(e2e);
  }
  if (std::string servicer = Text(refs, "AcctSvcrRef"); !servicer.empty()) {
    entry.servicer_reference = std::move(servicer);
  }
  // The counterparty is the debtor of a credit and the creditor of a debit; a file that names
  // only the other party still gives us that one.
  const pugi::xml_node parties = Child(details, "RltdPties");
  const bool credit = entry.side == EntrySide::kCredit;
  const char* first = credit ? "Dbtr" : "Cdtr";
  const char* second = credit ? "Cdtr" : "Dbtr";
  for (const char* role : {first, second}) {
    const pugi::xml_node party = Child(parties, role);
    const pugi::xml_node account = Child(parties, std::string(role) + "Acct");
    if (!party && !account) continue;
    std::string name = Text(party, "Nm");
    if (name.empty()) name = Text(party, "Pty/Nm");  // camt.053.001.08 wraps the party
    entry.counterparty_name = name;
    entry.counterparty_iban = AccountIban(account);
    break;
  }
  const pugi::xml_node remittance = Child(details, "RmtInf");
  std::string text;
  for (const pugi::xml_node& line : Children(remittance, "Ustrd")) {
    const std::string part = Trimmed(line.child_value());
    if (part.empty()) continue;
    if (!text.empty()) text += ' ';
    text += part;
  }
  if (!text.empty()) entry.remittance_text = std::move(text);
  for (const pugi::xml_node& structured : Children(remittance, "Strd")) {
    const std::string reference = Text(structured, "CdtrRefInf/Ref");
    if (!reference.empty()) {
      entry.creditor_reference = reference;
      break;
    }
  }
  return Status::Ok();
}

Result<StatementEntry> ReadEntryHead(const pugi::xml_node& ntry) {
  StatementEntry entry;
  auto amount = ReadAmount(ntry, "Amt");
  if (!amount) return amount.error();
  entry.amount = amount->money;
  entry.currency = amount->currency;
  auto side = ReadSide(ntry);
  if (!side) return side.error();
  entry.side = *side;
  entry.reversal = Text(ntry, "RvslInd") == "true" || Text(ntry, "RvslInd") == "1";
  auto booked = ReadDate(ntry, "BookgDt");
  if (!booked) return booked.error();
  entry.booking_date = *booked;
  entry.value_date = *booked;
  if (Child(ntry, "ValDt")) {
    auto value = ReadDate(ntry, "ValDt");
    if (!value) return value.error();
    entry.value_date = *value;
  }
  entry.entry_reference = Text(ntry, "NtryRef");
  entry.servicer_reference = Text(ntry, "AcctSvcrRef");
  entry.bank_transaction_code = BankTransactionCode(ntry);
  return entry;
}

Status ReadEntry(const pugi::xml_node& ntry, std::vector<StatementEntry>& out) {
  auto head = ReadEntryHead(ntry);
  if (!head) return head.error();
  std::vector<pugi::xml_node> details;
  for (const pugi::xml_node& block : Children(ntry, "NtryDtls")) {
    for (const pugi::xml_node& tx : Children(block, "TxDtls")) details.push_back(tx);
  }
  if (details.empty()) details.emplace_back();
  for (const pugi::xml_node& tx : details) {
    StatementEntry entry = *head;
    // A single TxDtls without its own amount inherits the entry's; several split it.
    if (Status read = ReadDetails(tx, entry); !read) return read.error();
    out.push_back(std::move(entry));
  }
  return Status::Ok();
}

Result<std::optional<StatementBalance>> ReadBalance(const pugi::xml_node& stmt,
                                                    std::initializer_list<const char*> codes) {
  for (const char* wanted : codes) {
    for (const pugi::xml_node& balance : Children(stmt, "Bal")) {
      if (Text(balance, "Tp/CdOrPrtry/Cd") != wanted) continue;
      auto amount = ReadAmount(balance, "Amt");
      if (!amount) return amount.error();
      auto side = ReadSide(balance);
      if (!side) return side.error();
      auto date = ReadDate(balance, "Dt");
      if (!date) return date.error();
      const Money signed_amount = *side == EntrySide::kDebit ? -amount->money : amount->money;
      return std::optional<StatementBalance>(
          StatementBalance{signed_amount, amount->currency, *date});
    }
  }
  return std::optional<StatementBalance>();
}

Result<Statement> ReadStatement(const pugi::xml_node& stmt) {
  Statement statement;
  statement.statement_id = Text(stmt, "Id");
  if (statement.statement_id.empty()) return At(stmt, "Id", "is missing");
  const pugi::xml_node account = Child(stmt, "Acct");
  if (!account) return At(stmt, "Acct", "is missing");
  statement.account_iban = Text(account, "Id/IBAN");
  statement.account_id = AccountIban(account);
  if (statement.account_id.empty()) return At(account, "Id", "names no IBAN or other account id");
  statement.currency = Text(account, "Ccy");
  if (!statement.currency.empty() && !IsCurrencyCode(statement.currency)) {
    return At(account, "Ccy", "must be a three-letter currency code");
  }
  auto opening = ReadBalance(stmt, {"OPBD", "PRCD"});
  if (!opening) return opening.error();
  statement.opening_balance = *opening;
  auto closing = ReadBalance(stmt, {"CLBD"});
  if (!closing) return closing.error();
  statement.closing_balance = *closing;
  if (statement.currency.empty() && statement.opening_balance) {
    statement.currency = statement.opening_balance->currency;
  }
  for (const pugi::xml_node& ntry : Children(stmt, "Ntry")) {
    if (Status read = ReadEntry(ntry, statement.entries); !read) return read.error();
  }
  return statement;
}

}  // namespace

Result<std::vector<Statement>> ParseCamt053(std::string_view document) {
  // Refuse DTDs before any parsing: no internal subset, no entity declarations, nothing external.
  static constexpr std::string_view kDoctype = "<!doctype";
  for (std::size_t i = 0; i + kDoctype.size() <= document.size(); ++i) {
    if (document[i] != '<') continue;
    std::size_t k = 0;
    while (k < kDoctype.size() && (document[i + k] | 0x20) == (kDoctype[k] | 0x20)) {
      ++k;
    }
    if (k == kDoctype.size()) {
      return InvalidArgument("camt.053: the document has a DOCTYPE; DTDs and entities are refused",
                             {{"/", "DOCTYPE is not allowed"}});
    }
  }
  pugi::xml_document xml;
  // parse_doctype keeps a DOCTYPE as a node so it can be refused; entities are never expanded.
  const unsigned options = pugi::parse_default | pugi::parse_doctype;
  const pugi::xml_parse_result parsed =
      xml.load_buffer(document.data(), document.size(), options, pugi::encoding_auto);
  if (!parsed) {
    const std::string where = "offset " + std::to_string(parsed.offset);
    return InvalidArgument(
        "camt.053: not well-formed XML at " + where + ": " + parsed.description(),
        {{where, parsed.description()}});
  }
  for (pugi::xml_node n = xml.first_child(); n; n = n.next_sibling()) {
    if (n.type() == pugi::node_doctype) {
      return InvalidArgument("camt.053: the document has a DOCTYPE; DTDs and entities are refused",
                             {{"/", "DOCTYPE is not allowed"}});
    }
  }
  const pugi::xml_node root = xml.document_element();
  if (LocalName(root) != "Document") return At(root, "", "root element must be Document");
  const pugi::xml_node body = Child(root, "BkToCstmrStmt");
  if (!body) return At(root, "BkToCstmrStmt", "is missing: not a camt.053 statement");
  const std::vector<pugi::xml_node> stmts = Children(body, "Stmt");
  if (stmts.empty()) return At(body, "Stmt", "is missing: the document holds no statement");
  std::vector<Statement> statements;
  for (const pugi::xml_node& stmt : stmts) {
    auto statement = ReadStatement(stmt);
    if (!statement) return statement.error();
    statements.push_back(std::move(*statement));
  }
  return statements;
}

}  // namespace duly::statements
