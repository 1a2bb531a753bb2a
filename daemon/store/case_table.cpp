#include "daemon/store/case_table.h"

#include <nlohmann/json.hpp>

namespace duly::daemon {
namespace {

using nlohmann::json;

constexpr const char* kColumns =
    "SELECT id, customer, category, department, assignee, state, deadline_at, created_at,"
    " COALESCE(closed_at, -1), description, source, opened_by, COALESCE(reminder_at, -1),"
    " COALESCE(reminded_at, -1), COALESCE(acknowledged_at, -1), escalation_level,"
    " COALESCE(escalated_at, -1), COALESCE(escalate_at, -1), COALESCE(resolution, '')"
    " FROM cases";
constexpr const char* kInsert =
    "INSERT INTO cases (customer, invoice, category, department, assignee, state, deadline_at,"
    " created_at, description, source, opened_by, reminder_at, escalation_level, escalate_at)"
    " VALUES (:customer, :invoice, :category, :department, :assignee, 'open', :deadline_at,"
    " :created_at, :description, :source, :opened_by, NULLIF(:reminder_at, CAST(-1 AS BIGINT)),"
    " 0, :escalate_at) RETURNING id";
constexpr const char* kInsertInvoice =
    "INSERT INTO case_invoices (case_id, invoice) VALUES (:case_id, :invoice)";
constexpr const char* kSelectInvoices =
    "SELECT invoice FROM case_invoices WHERE case_id = :id ORDER BY invoice";
constexpr const char* kSelectComments =
    "SELECT id, author, text, created_at FROM case_comments WHERE case_id = :id ORDER BY id";
constexpr const char* kInsertComment =
    "INSERT INTO case_comments (case_id, author, text, created_at)"
    " VALUES (:case_id, :author, :text, :at) RETURNING id";
constexpr const char* kOpenPerAssignee =
    "SELECT assignee, COUNT(*) FROM cases WHERE state IN ('open', 'escalated') GROUP BY assignee";
constexpr const char* kDueReminders =
    "SELECT id FROM cases WHERE reminder_at <= :now AND reminded_at IS NULL AND state = 'open'"
    " ORDER BY reminder_at, id LIMIT :limit";
constexpr const char* kDueEscalations =
    "SELECT id FROM cases WHERE escalate_at <= :now AND state IN ('open', 'escalated')"
    " ORDER BY escalate_at, id LIMIT :limit";
constexpr const char* kNextDue =
    "SELECT MIN(at) FROM (SELECT MIN(reminder_at) AS at FROM cases WHERE reminded_at IS NULL"
    " AND state = 'open' UNION ALL SELECT MIN(escalate_at) AS at FROM cases"
    " WHERE state IN ('open', 'escalated')) AS due";
// The report's facts: each case with the open amount under it while it is open.
constexpr const char* kFacts =
    "SELECT c.department, c.category, c.customer, c.created_at, c.deadline_at,"
    " COALESCE(c.closed_at, -1), CASE WHEN c.state IN ('open', 'escalated') THEN"
    " COALESCE((SELECT SUM(i.open_amount) FROM case_invoices ci JOIN invoices i"
    " ON i.id = ci.invoice WHERE ci.case_id = c.id), 0) ELSE 0 END"
    " FROM cases c WHERE c.created_at >= :from AND c.created_at < :to ORDER BY c.id";

std::optional<Instant> Optional(long long millis) {
  if (millis < 0) return std::nullopt;
  return FromEpochMillis(millis);
}

long long OrNone(const std::optional<Instant>& at) { return at ? ToEpochMillis(*at) : -1; }

struct CaseRow {
  long long id = 0;
  std::string customer, category, department, assignee, state;
  long long deadline_at = 0, created_at = 0, closed_at = -1;
  std::string description, source, opened_by;
  long long reminder_at = -1, reminded_at = -1, acknowledged_at = -1, level = 0, escalated_at = -1,
            escalate_at = -1;
  std::string resolution;

  void Exchange(soci::statement& statement) {
    statement.exchange(soci::into(id));
    statement.exchange(soci::into(customer));
    statement.exchange(soci::into(category));
    statement.exchange(soci::into(department));
    statement.exchange(soci::into(assignee));
    statement.exchange(soci::into(state));
    statement.exchange(soci::into(deadline_at));
    statement.exchange(soci::into(created_at));
    statement.exchange(soci::into(closed_at));
    statement.exchange(soci::into(description));
    statement.exchange(soci::into(source));
    statement.exchange(soci::into(opened_by));
    statement.exchange(soci::into(reminder_at));
    statement.exchange(soci::into(reminded_at));
    statement.exchange(soci::into(acknowledged_at));
    statement.exchange(soci::into(level));
    statement.exchange(soci::into(escalated_at));
    statement.exchange(soci::into(escalate_at));
    statement.exchange(soci::into(resolution));
  }

  ComplaintCase Record() const {
    ComplaintCase record;
    record.id = id;
    record.customer = customer;
    record.category = category;
    record.department = department;
    record.assignee = assignee;
    record.state = ParseCaseState(state).value_or(CaseState::kOpen);
    record.deadline_at = FromEpochMillis(deadline_at);
    record.created_at = FromEpochMillis(created_at);
    record.closed_at = Optional(closed_at);
    record.description = description;
    record.source = source;
    record.opened_by = opened_by;
    record.reminder_at = Optional(reminder_at);
    record.reminded_at = Optional(reminded_at);
    record.acknowledged_at = Optional(acknowledged_at);
    record.escalation_level = level;
    record.escalated_at = Optional(escalated_at);
    record.next_escalation_at = Optional(escalate_at);
    record.resolution = ParseResolutionJson(resolution);
    return record;
  }
};

}  // namespace

std::string ResolutionJson(const CaseResolution& resolution) {
  json value = {{"kind", ResolutionKindName(resolution.kind)}, {"note", resolution.note}};
  if (!resolution.invoice.empty()) value["invoice"] = resolution.invoice;
  if (resolution.new_amount) value["new_amount"] = resolution.new_amount->cents();
  if (resolution.new_due) value["new_due"] = FormatCalendarDate(*resolution.new_due);
  if (!resolution.explanation.empty()) value["explanation"] = resolution.explanation;
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<CaseResolution> ParseResolutionJson(const std::string& text) {
  if (text.empty()) return std::nullopt;
  const json value = json::parse(text, nullptr, false);
  if (!value.is_object()) return std::nullopt;
  auto kind = ParseResolutionKind(value.value("kind", ""));
  if (!kind) return std::nullopt;
  CaseResolution resolution;
  resolution.kind = *kind;
  resolution.note = value.value("note", "");
  resolution.invoice = value.value("invoice", "");
  resolution.explanation = value.value("explanation", "");
  if (value.contains("new_amount")) {
    resolution.new_amount = Money::FromCents(value["new_amount"].get<std::int64_t>());
  }
  if (value.contains("new_due")) {
    if (auto day = ParseCalendarDate(value["new_due"].get<std::string>())) {
      resolution.new_due = *day;
    }
  }
  return resolution;
}

std::int64_t CaseTable::Insert(const ComplaintCase& opened) {
  long long id = 0;
  long long deadline_at = ToEpochMillis(opened.deadline_at);
  long long created_at = ToEpochMillis(opened.created_at);
  long long reminder_at = OrNone(opened.reminder_at);
  long long escalate_at = ToEpochMillis(opened.deadline_at);
  session_ << kInsert, soci::use(opened.customer, "customer"),
      soci::use(opened.invoices.front(), "invoice"), soci::use(opened.category, "category"),
      soci::use(opened.department, "department"), soci::use(opened.assignee, "assignee"),
      soci::use(deadline_at, "deadline_at"), soci::use(created_at, "created_at"),
      soci::use(opened.description, "description"), soci::use(opened.source, "source"),
      soci::use(opened.opened_by, "opened_by"), soci::use(reminder_at, "reminder_at"),
      soci::use(escalate_at, "escalate_at"), soci::into(id);
  for (const std::string& invoice : opened.invoices) {
    session_ << kInsertInvoice, soci::use(id, "case_id"), soci::use(invoice, "invoice");
  }
  return id;
}

std::optional<ComplaintCase> CaseTable::Find(std::int64_t id, bool lock) {
  CaseRow row;
  long long wanted = id;
  soci::statement select(session_);
  row.Exchange(select);
  select.exchange(soci::use(wanted, "id"));
  select.alloc();
  select.prepare(std::string(kColumns) + " WHERE id = :id" +
                 (lock && kind_ == DatabaseKind::kPostgresql ? " FOR UPDATE" : ""));
  select.define_and_bind();
  if (!select.execute(true)) return std::nullopt;
  ComplaintCase found = row.Record();
  found.invoices = InvoicesOf(id);
  found.comments = CommentsOf(id);
  return found;
}

Page<ComplaintCase> CaseTable::List(const CaseFilter& filter, const PageRequest& page) {
  std::string where = " WHERE id < :after";
  long long after =
      page.after.empty() ? std::numeric_limits<long long>::max() : std::stoll(page.after);
  const std::string state = filter.state ? CaseStateName(*filter.state) : "";
  if (filter.state) where += " AND state = :state";
  if (!filter.department.empty()) where += " AND department = :department";
  if (!filter.assignee.empty()) where += " AND assignee = :assignee";
  if (!filter.customer.empty()) where += " AND customer = :customer";
  long long fetch = page.limit + 1;
  CaseRow row;
  soci::statement select(session_);
  row.Exchange(select);
  select.exchange(soci::use(after, "after"));
  if (filter.state) select.exchange(soci::use(state, "state"));
  if (!filter.department.empty()) select.exchange(soci::use(filter.department, "department"));
  if (!filter.assignee.empty()) select.exchange(soci::use(filter.assignee, "assignee"));
  if (!filter.customer.empty()) select.exchange(soci::use(filter.customer, "customer"));
  select.exchange(soci::use(fetch, "limit"));
  select.alloc();
  select.prepare(std::string(kColumns) + where + " ORDER BY id DESC LIMIT :limit");
  select.define_and_bind();
  select.execute();
  Page<ComplaintCase> result;
  while (select.fetch()) result.items.push_back(row.Record());
  if (result.items.size() > static_cast<std::size_t>(page.limit)) {
    result.items.pop_back();
    result.next_after = std::to_string(result.items.back().id);
  }
  for (ComplaintCase& found : result.items) found.invoices = InvoicesOf(found.id);
  return result;
}

std::map<std::string, std::int64_t> CaseTable::OpenCasesPerAssignee() {
  std::map<std::string, std::int64_t> counts;
  std::string assignee;
  long long count = 0;
  soci::statement select =
      (session_.prepare << kOpenPerAssignee, soci::into(assignee), soci::into(count));
  select.execute();
  while (select.fetch()) counts[assignee] = count;
  return counts;
}

void CaseTable::SetAcknowledged(std::int64_t id, Instant at) {
  long long wanted = id;
  long long millis = ToEpochMillis(at);
  session_ << "UPDATE cases SET acknowledged_at = COALESCE(acknowledged_at, :at) WHERE id = :id",
      soci::use(millis, "at"), soci::use(wanted, "id");
}

CaseComment CaseTable::AddComment(std::int64_t id, const std::string& author,
                                  const std::string& text, Instant at) {
  long long wanted = id;
  long long millis = ToEpochMillis(at);
  long long comment = 0;
  session_ << kInsertComment, soci::use(wanted, "case_id"), soci::use(author, "author"),
      soci::use(text, "text"), soci::use(millis, "at"), soci::into(comment);
  return CaseComment{comment, author, text, at};
}

void CaseTable::SetAssignee(std::int64_t id, const std::string& assignee) {
  long long wanted = id;
  session_ << "UPDATE cases SET assignee = :assignee WHERE id = :id",
      soci::use(assignee, "assignee"), soci::use(wanted, "id");
}

void CaseTable::SetReminded(std::int64_t id, Instant at) {
  long long wanted = id;
  long long millis = ToEpochMillis(at);
  session_ << "UPDATE cases SET reminded_at = :at WHERE id = :id", soci::use(millis, "at"),
      soci::use(wanted, "id");
}

void CaseTable::SetEscalated(std::int64_t id, std::int64_t level, Instant at,
                             std::optional<Instant> next) {
  long long wanted = id;
  long long new_level = level;
  long long millis = ToEpochMillis(at);
  long long next_millis = OrNone(next);
  session_ << "UPDATE cases SET state = 'escalated', escalation_level = :level,"
              " escalated_at = :at, escalate_at = NULLIF(:next, CAST(-1 AS BIGINT))"
              " WHERE id = :id",
      soci::use(new_level, "level"), soci::use(millis, "at"), soci::use(next_millis, "next"),
      soci::use(wanted, "id");
}

void CaseTable::SetClosed(std::int64_t id, CaseState state, Instant at,
                          const std::string& resolution_json) {
  long long wanted = id;
  long long millis = ToEpochMillis(at);
  const std::string state_name = CaseStateName(state);
  session_ << "UPDATE cases SET state = :state, closed_at = :at, resolution = :resolution,"
              " escalate_at = NULL WHERE id = :id",
      soci::use(state_name, "state"), soci::use(millis, "at"),
      soci::use(resolution_json, "resolution"), soci::use(wanted, "id");
}

std::vector<std::int64_t> CaseTable::DueReminders(Instant now, int limit) {
  long long millis = ToEpochMillis(now);
  long long fetch = limit;
  long long id = 0;
  std::vector<std::int64_t> ids;
  soci::statement select =
      (session_.prepare << std::string(kDueReminders) + (kind_ == DatabaseKind::kPostgresql
                                                             ? " FOR UPDATE SKIP LOCKED"
                                                             : ""),
       soci::use(millis, "now"), soci::use(fetch, "limit"), soci::into(id));
  select.execute();
  while (select.fetch()) ids.push_back(id);
  return ids;
}

std::vector<std::int64_t> CaseTable::DueEscalations(Instant now, int limit) {
  long long millis = ToEpochMillis(now);
  long long fetch = limit;
  long long id = 0;
  std::vector<std::int64_t> ids;
  soci::statement select =
      (session_.prepare << std::string(kDueEscalations) + (kind_ == DatabaseKind::kPostgresql
                                                               ? " FOR UPDATE SKIP LOCKED"
                                                               : ""),
       soci::use(millis, "now"), soci::use(fetch, "limit"), soci::into(id));
  select.execute();
  while (select.fetch()) ids.push_back(id);
  return ids;
}

std::optional<Instant> CaseTable::NextDue() {
  long long at = 0;
  soci::indicator null = soci::i_null;
  session_ << kNextDue, soci::into(at, null);
  if (null == soci::i_null) return std::nullopt;
  return FromEpochMillis(at);
}

std::vector<ComplaintFact> CaseTable::Facts(std::optional<Instant> from,
                                            std::optional<Instant> to) {
  long long from_ms = from ? ToEpochMillis(*from) : std::numeric_limits<long long>::min();
  long long to_ms = to ? ToEpochMillis(*to) : std::numeric_limits<long long>::max();
  ComplaintFact fact;
  long long created_at = 0, deadline_at = 0, closed_at = -1, held = 0;
  std::vector<ComplaintFact> facts;
  soci::statement select =
      (session_.prepare << kFacts, soci::use(from_ms, "from"), soci::use(to_ms, "to"),
       soci::into(fact.department), soci::into(fact.category), soci::into(fact.customer),
       soci::into(created_at), soci::into(deadline_at), soci::into(closed_at), soci::into(held));
  select.execute();
  while (select.fetch()) {
    fact.created_at = FromEpochMillis(created_at);
    fact.deadline_at = FromEpochMillis(deadline_at);
    fact.closed_at = Optional(closed_at);
    fact.held = Money::FromCents(held);
    facts.push_back(fact);
  }
  return facts;
}

std::vector<std::string> CaseTable::InvoicesOf(std::int64_t id) {
  long long wanted = id;
  std::vector<std::string> invoices;
  std::string invoice;
  soci::statement select =
      (session_.prepare << kSelectInvoices, soci::use(wanted, "id"), soci::into(invoice));
  select.execute();
  while (select.fetch()) invoices.push_back(invoice);
  return invoices;
}

std::vector<CaseComment> CaseTable::CommentsOf(std::int64_t id) {
  long long wanted = id;
  std::vector<CaseComment> comments;
  long long comment = 0;
  long long at = 0;
  CaseComment row;
  soci::statement select =
      (session_.prepare << kSelectComments, soci::use(wanted, "id"), soci::into(comment),
       soci::into(row.author), soci::into(row.text), soci::into(at));
  select.execute();
  while (select.fetch()) {
    row.id = comment;
    row.at = FromEpochMillis(at);
    comments.push_back(row);
  }
  return comments;
}

}  // namespace duly::daemon
