#include "daemon/store/statement_table.h"

#include <nlohmann/json.hpp>

#include "daemon/store/bulk_ids.h"

namespace duly::daemon {
namespace {

// Is this file imported?
constexpr const char* kCountImport = "SELECT COUNT(*) FROM statement_imports WHERE digest = :d";
// Record an imported file.
constexpr const char* kInsertImport =
    "INSERT INTO statement_imports (digest, format, account, statement_id, entries, posted,"
    " queued, duplicates, actor, created_at) VALUES (:digest, :format, :account, :statement_id,"
    " :entries, :posted, :queued, :duplicates, :actor, :at)";
// Stored entries among a batch's keys, with the payment's customer.
constexpr const char* kSelectExisting =
    "SELECT e.entry_key, e.id, e.state, e.payment, COALESCE(p.customer, '')"
    " FROM statement_entries e LEFT JOIN payments p ON p.id = e.payment WHERE e.entry_key";
// The largest entry id (new ids follow it; writers are serialised by the history head).
constexpr const char* kMaxEntryId = "SELECT COALESCE(MAX(id), 0) FROM statement_entries";
// Insert one entry.
constexpr const char* kInsertEntry =
    "INSERT INTO statement_entries (id, entry_key, file_digest, bank_reference, amount, currency,"
    " value_date, counterparty_name, counterparty_iban, creditor_reference, remittance_text,"
    " state, outcome, reason, candidates, payment, decided_by, created_at, updated_at)"
    " VALUES (:id, :entry_key, :file_digest, :bank_reference, :amount, :currency, :value_date,"
    " :counterparty_name, :counterparty_iban, :creditor_reference, :remittance_text, :state,"
    " :outcome, :reason, :candidates, :payment, '', :created_at, :updated_at)";
#define DULY_ENTRY_COLUMNS                                                             \
  "SELECT id, entry_key, file_digest, bank_reference, amount, currency, value_date,"   \
  " counterparty_name, counterparty_iban, creditor_reference, remittance_text, state," \
  " outcome, reason, candidates, payment, decided_by FROM statement_entries "
// One entry by id.
constexpr const char* kSelectEntry = DULY_ENTRY_COLUMNS "WHERE id = :id";
// The queue, oldest first (index statement_entries_state).
constexpr const char* kSelectQueued =
    DULY_ENTRY_COLUMNS "WHERE state = 'queued' AND id > :after ORDER BY id LIMIT :limit";
#undef DULY_ENTRY_COLUMNS
// A person's decision on a queued entry.
constexpr const char* kUpdateDecision =
    "UPDATE statement_entries SET state = :state, reason = :reason, payment = :payment,"
    " decided_by = :actor, updated_at = :at WHERE id = :id";

// A stored 'YYYY-MM-DD', or 1970-01-01 for a value that is not one.
CalendarDate DayOr(const std::string& text) {
  Result<CalendarDate> day = ParseCalendarDate(text);
  return day ? *day : CalendarDate{};
}

std::optional<EntryState> ParseEntryState(const std::string& text) {
  for (EntryState state :
       {EntryState::kPosted, EntryState::kQueued, EntryState::kAllocated, EntryState::kDismissed}) {
    if (text == EntryStateName(state)) return state;
  }
  return std::nullopt;
}

std::optional<MatchRule> ParseMatchRule(const std::string& text) {
  for (MatchRule rule :
       {MatchRule::kStructuredReference, MatchRule::kReferenceInText, MatchRule::kInvoiceNumber,
        MatchRule::kAmountAndIban, MatchRule::kAmountAndName, MatchRule::kCustomerOpenItems,
        MatchRule::kAmountOnly}) {
    if (text == MatchRuleName(rule)) return rule;
  }
  return std::nullopt;
}

// The bound columns of one statement_entries row.
struct EntryRow {
  long long id = 0;
  long long amount = 0;
  std::string key, digest, bank_reference, currency, value_date, name, iban, reference, text, state,
      outcome, reason, candidates, payment, decided_by;

  void BindRead(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(key));
    st.exchange(soci::into(digest));
    st.exchange(soci::into(bank_reference));
    st.exchange(soci::into(amount));
    for (std::string* column : {&currency, &value_date, &name, &iban, &reference, &text, &state,
                                &outcome, &reason, &candidates, &payment, &decided_by}) {
      st.exchange(soci::into(*column));
    }
  }

  StatementEntryRecord To() const {
    StatementEntryRecord record;
    record.id = id;
    record.key = key;
    record.file_digest = digest;
    record.bank_reference = bank_reference;
    record.credit.amount = Money::FromCents(amount);
    record.credit.currency = currency;
    record.credit.value_date = DayOr(value_date);
    record.credit.counterparty_name = name;
    record.credit.counterparty_iban = iban;
    record.credit.creditor_reference = reference;
    record.credit.remittance_text = text;
    record.state = ParseEntryState(state).value_or(EntryState::kQueued);
    record.outcome = outcome;
    record.reason = reason;
    record.candidates = ParseCandidatesJson(candidates);
    record.payment = payment;
    record.decided_by = decided_by;
    return record;
  }
};

void Prepare(soci::statement& st, const char* sql) {
  st.alloc();
  st.prepare(sql);
  st.define_and_bind();
}

}  // namespace

std::string CandidatesJson(const std::vector<MatchCandidate>& candidates) {
  nlohmann::json list = nlohmann::json::array();
  for (const MatchCandidate& c : candidates) {
    list.push_back({{"item", c.item},
                    {"customer", c.customer},
                    {"kind", InvoiceKindName(c.kind)},
                    {"open_amount", c.open_amount.cents()},
                    {"currency", c.currency},
                    {"due", FormatCalendarDate(c.due)},
                    {"rule", MatchRuleName(c.rule)},
                    {"score", c.score},
                    {"currency_mismatch", c.currency_mismatch}});
  }
  return list.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<MatchCandidate> ParseCandidatesJson(const std::string& text) {
  std::vector<MatchCandidate> candidates;
  const nlohmann::json list = nlohmann::json::parse(text, nullptr, false);
  if (!list.is_array()) return candidates;
  for (const nlohmann::json& item : list) {
    if (!item.is_object()) continue;
    MatchCandidate c;
    c.item = item.value("item", "");
    c.customer = item.value("customer", "");
    c.kind = ParseInvoiceKind(item.value("kind", "invoice")).value_or(InvoiceKind::kInvoice);
    c.open_amount = Money::FromCents(item.value("open_amount", std::int64_t{0}));
    c.currency = item.value("currency", "");
    c.due = DayOr(item.value("due", ""));
    c.rule = ParseMatchRule(item.value("rule", "")).value_or(MatchRule::kAmountOnly);
    c.score = item.value("score", 0);
    c.currency_mismatch = item.value("currency_mismatch", false);
    candidates.push_back(std::move(c));
  }
  return candidates;
}

bool StatementTable::ImportExists(const std::string& digest) {
  long long count = 0;
  session_ << kCountImport, soci::use(digest, "d"), soci::into(count);
  return count > 0;
}

void StatementTable::InsertImport(const StatementFile& file, const ImportReport& report,
                                  const std::string& actor, long long now) {
  long long entries = report.entries;
  long long posted = report.posted;
  long long queued = report.queued;
  long long duplicates = report.duplicates;
  session_ << kInsertImport, soci::use(file.digest, "digest"), soci::use(file.format, "format"),
      soci::use(file.account, "account"), soci::use(file.statement_id, "statement_id"),
      soci::use(entries, "entries"), soci::use(posted, "posted"), soci::use(queued, "queued"),
      soci::use(duplicates, "duplicates"), soci::use(actor, "actor"), soci::use(now, "at");
}

std::map<std::string, EntryOutcome> StatementTable::Existing(const std::vector<std::string>& keys) {
  std::map<std::string, EntryOutcome> found;
  std::string key;
  long long id = 0;
  std::string state;
  std::string payment;
  std::string customer;
  ForEachRowIn(
      session_, kind_, kSelectExisting, keys, "",
      [&] {
        EntryOutcome outcome;
        outcome.key = key;
        outcome.entry = id;
        outcome.state = ParseEntryState(state).value_or(EntryState::kQueued);
        outcome.duplicate = true;
        outcome.payment = payment;
        outcome.customer = customer;
        found.emplace(key, std::move(outcome));
      },
      soci::into(key), soci::into(id), soci::into(state), soci::into(payment),
      soci::into(customer));
  return found;
}

std::vector<std::int64_t> StatementTable::InsertEntries(
    const std::vector<NewStatementEntry>& entries, const std::string& digest, long long now) {
  std::vector<std::int64_t> ids;
  if (entries.empty()) return ids;
  long long id = 0;
  session_ << kMaxEntryId, soci::into(id);
  EntryRow row;
  row.digest = digest;
  soci::statement insert =
      (session_.prepare << kInsertEntry, soci::use(row.id, "id"), soci::use(row.key, "entry_key"),
       soci::use(row.digest, "file_digest"), soci::use(row.bank_reference, "bank_reference"),
       soci::use(row.amount, "amount"), soci::use(row.currency, "currency"),
       soci::use(row.value_date, "value_date"), soci::use(row.name, "counterparty_name"),
       soci::use(row.iban, "counterparty_iban"), soci::use(row.reference, "creditor_reference"),
       soci::use(row.text, "remittance_text"), soci::use(row.state, "state"),
       soci::use(row.outcome, "outcome"), soci::use(row.reason, "reason"),
       soci::use(row.candidates, "candidates"), soci::use(row.payment, "payment"),
       soci::use(now, "created_at"), soci::use(now, "updated_at"));
  for (const NewStatementEntry& entry : entries) {
    const StatementLine& line = *entry.line;
    row.id = ++id;
    row.key = line.key;
    row.bank_reference = line.bank_reference;
    row.amount = line.credit.amount.cents();
    row.currency = line.credit.currency;
    row.value_date = FormatCalendarDate(line.credit.value_date);
    row.name = line.credit.counterparty_name;
    row.iban = line.credit.counterparty_iban;
    row.reference = line.credit.creditor_reference;
    row.text = line.credit.remittance_text;
    row.state = EntryStateName(entry.state);
    row.outcome = MatchOutcomeName(entry.decision->outcome);
    row.reason = entry.decision->reason;
    row.candidates = entry.state == EntryState::kQueued ? CandidatesJson(entry.decision->candidates)
                                                        : std::string("[]");
    row.payment = entry.payment;
    insert.execute(true);
    ids.push_back(row.id);
  }
  return ids;
}

std::optional<StatementEntryRecord> StatementTable::Find(std::int64_t id) {
  EntryRow row;
  long long wanted = id;
  soci::statement select(session_);
  row.BindRead(select);
  select.exchange(soci::use(wanted, "id"));
  Prepare(select, kSelectEntry);
  select.execute();
  if (!select.fetch()) return std::nullopt;
  return row.To();
}

ReconciliationPage StatementTable::ListQueued(std::int64_t after, int limit) {
  EntryRow row;
  long long from = after;
  long long fetch = limit + 1;
  soci::statement select(session_);
  row.BindRead(select);
  select.exchange(soci::use(from, "after"));
  select.exchange(soci::use(fetch, "limit"));
  Prepare(select, kSelectQueued);
  select.execute();
  ReconciliationPage page;
  while (select.fetch()) page.items.push_back(row.To());
  if (page.items.size() > static_cast<std::size_t>(limit)) {
    page.items.pop_back();
    page.next_after = page.items.back().id;
  }
  return page;
}

void StatementTable::Decide(std::int64_t id, EntryState state, const std::string& reason,
                            const std::string& payment, const std::string& actor, long long now) {
  long long wanted = id;
  const std::string state_name = EntryStateName(state);
  session_ << kUpdateDecision, soci::use(state_name, "state"), soci::use(reason, "reason"),
      soci::use(payment, "payment"), soci::use(actor, "actor"), soci::use(now, "at"),
      soci::use(wanted, "id");
}

}  // namespace duly::daemon
