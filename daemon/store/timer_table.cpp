#include "daemon/store/timer_table.h"

#include "daemon/store/bulk_ids.h"
#include "daemon/store/json_rows.h"

namespace duly::daemon {
namespace {

using nlohmann::json;

#define DULY_TIMER_COLUMNS "SELECT id, kind, invoice, step, due_at, attempt FROM timers "
// Timers due at or before :now, oldest first (index timers_due).
constexpr const char* kSelectDue =
    DULY_TIMER_COLUMNS "WHERE due_at <= :now ORDER BY due_at, id LIMIT :limit";
// PostgreSQL: lock what is taken; rows another node holds are skipped.
constexpr const char* kSkipLocked = " FOR UPDATE SKIP LOCKED";
// The timer of one invoice (unique).
constexpr const char* kSelectForInvoice = DULY_TIMER_COLUMNS "WHERE invoice = :invoice";
// One timer by id.
constexpr const char* kSelectById = DULY_TIMER_COLUMNS "WHERE id = :id";
#undef DULY_TIMER_COLUMNS
// The earliest due time (index timers_due).
constexpr const char* kSelectNextDue = "SELECT MIN(due_at) FROM timers";
// How many timers exist.
constexpr const char* kCountTimers = "SELECT COUNT(*) FROM timers";
// After a failed attempt.
constexpr const char* kPostpone =
    "UPDATE timers SET attempt = attempt + 1, due_at = :until WHERE id = :id";
// Fired timers (completed by WithIdsIn over their ids as text).
constexpr const char* kDeleteWhereId = "DELETE FROM timers WHERE id";
// Instances of a batch's invoices (completed by WithIdsIn).
constexpr const char* kSelectInstancesWhereInvoice =
    "SELECT invoice, customer, segment, workflow, version, state, next_step, reason"
    " FROM workflow_instances WHERE invoice";
// Stored runs of a batch's invoices (completed by WithIdsIn).
constexpr const char* kSelectRunKeysWhereInvoice =
    "SELECT invoice, workflow, version, step FROM step_runs WHERE invoice";
#define DULY_RUN_COLUMNS "SELECT invoice, workflow, version, step, outcome, ran_at FROM step_runs "
// Runs of one invoice in run order.
constexpr const char* kSelectRunsOfInvoice =
    DULY_RUN_COLUMNS "WHERE invoice = :invoice ORDER BY ran_at, run_index";
// Every run in run order.
constexpr const char* kSelectAllRuns = DULY_RUN_COLUMNS "ORDER BY ran_at, invoice, run_index";
#undef DULY_RUN_COLUMNS
// SQLite (in-process, so one prepared statement per row is the cheapest bulk write): one fired
// timer.
constexpr const char* kDeleteById = "DELETE FROM timers WHERE id = :id";
// SQLite: the next timer of one invoice, replacing the one it has.
constexpr const char* kUpsertTimerRow =
    "INSERT INTO timers (kind, invoice, step, due_at, attempt, created_at)"
    " VALUES (:kind, :invoice, :step, :due_at, 0, :created_at)"
    " ON CONFLICT (invoice) DO UPDATE SET kind = excluded.kind, step = excluded.step,"
    " due_at = excluded.due_at, attempt = 0, created_at = excluded.created_at";
// SQLite: one instance, inserted or updated.
constexpr const char* kUpsertInstanceRow =
    "INSERT INTO workflow_instances (invoice, customer, segment, workflow, version, state,"
    " next_step, reason, updated_at) VALUES (:invoice, :customer, :segment, :workflow, :version,"
    " :state, :next_step, :reason, :updated_at) ON CONFLICT (invoice) DO UPDATE SET"
    " customer = excluded.customer, segment = excluded.segment, workflow = excluded.workflow,"
    " version = excluded.version, state = excluded.state, next_step = excluded.next_step,"
    " reason = excluded.reason, updated_at = excluded.updated_at";
// SQLite: one step run (the primary key is the once-key).
constexpr const char* kInsertRunRow =
    "INSERT INTO step_runs (invoice, workflow, version, step, outcome, ran_at, run_index)"
    " VALUES (:invoice, :workflow, :version, :step, :outcome, :ran_at, :run_index)";

// The bound columns of one timers row.
struct TimerRow {
  long long id = 0;
  std::string kind, invoice, step;
  long long due_at = 0;
  long long attempt = 0;

  void BindRead(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(invoice));
    st.exchange(soci::into(step));
    st.exchange(soci::into(due_at));
    st.exchange(soci::into(attempt));
  }
  Timer To() const {
    return Timer{id,
                 ParseTimerKind(kind).value_or(TimerKind::kRecheck),
                 invoice,
                 step,
                 FromEpochMillis(due_at),
                 attempt};
  }
};

// Prepares `sql` to run once: on PostgreSQL one PQexecParams round trip instead of PREPARE,
// EXECUTE and DEALLOCATE (three round trips).
void Prepare(soci::statement& st, const std::string& sql) {
  st.alloc();
  st.prepare(sql, soci::details::st_one_time_query);
  st.define_and_bind();
}

std::vector<Timer> SelectTimers(soci::session& session, const std::string& sql,
                                const std::function<void(soci::statement&)>& bind) {
  TimerRow row;
  soci::statement select(session);
  row.BindRead(select);
  bind(select);
  Prepare(select, sql);
  select.execute();
  std::vector<Timer> timers;
  while (select.fetch()) timers.push_back(row.To());
  return timers;
}

// Runs `sql` with the JSON array `rows` bound as :rows (nothing when there are no rows).
void WriteRows(soci::session& session, const std::string& sql, const json& rows) {
  if (rows.empty()) return;
  const std::string text = JsonRowsText(rows);
  session << sql, soci::use(text, "rows");
}

}  // namespace

std::string RunKey(const std::string& invoice, const StepRun& run) {
  return invoice + "|" + run.workflow + "|" + std::to_string(run.version) + "|" + run.step;
}

std::vector<Timer> TimerTable::Due(Instant now, int limit, bool take) {
  long long now_ms = ToEpochMillis(now);
  long long fetch = limit;
  std::string sql = kSelectDue;
  if (take && kind_ == DatabaseKind::kPostgresql) sql += kSkipLocked;
  return SelectTimers(session_, sql, [&](soci::statement& st) {
    st.exchange(soci::use(now_ms, "now"));
    st.exchange(soci::use(fetch, "limit"));
  });
}

std::optional<Instant> TimerTable::NextDue() {
  long long due = 0;
  soci::indicator null = soci::i_ok;
  session_ << kSelectNextDue, soci::into(due, null);
  if (null != soci::i_ok) return std::nullopt;
  return FromEpochMillis(due);
}

std::int64_t TimerTable::Count() {
  long long count = 0;
  session_ << kCountTimers, soci::into(count);
  return count;
}

std::optional<Timer> TimerTable::ForInvoice(const std::string& invoice) {
  auto timers = SelectTimers(session_, kSelectForInvoice, [&](soci::statement& st) {
    st.exchange(soci::use(invoice, "invoice"));
  });
  if (timers.empty()) return std::nullopt;
  return timers.front();
}

std::optional<Timer> TimerTable::ById(std::int64_t id, bool lock) {
  long long wanted = id;
  std::string sql = kSelectById;
  if (lock && kind_ == DatabaseKind::kPostgresql) sql += " FOR UPDATE";
  auto timers = SelectTimers(session_, sql,
                             [&](soci::statement& st) { st.exchange(soci::use(wanted, "id")); });
  if (timers.empty()) return std::nullopt;
  return timers.front();
}

bool TimerTable::Postpone(std::int64_t id, Instant until) {
  long long wanted = id;
  long long until_ms = ToEpochMillis(until);
  soci::statement update =
      (session_.prepare << kPostpone, soci::use(until_ms, "until"), soci::use(wanted, "id"));
  update.execute(true);
  return update.get_affected_rows() > 0;
}

void TimerTable::Delete(const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return;
  if (kind_ == DatabaseKind::kSqlite) {
    // In-process: one prepared statement run per row beats building and parsing JSON.
    long long id = 0;
    soci::statement remove = (session_.prepare << kDeleteById, soci::use(id, "id"));
    for (std::int64_t each : ids) {
      id = each;
      remove.execute(true);
    }
    return;
  }
  std::vector<std::string> texts;
  texts.reserve(ids.size());
  for (std::int64_t id : ids) texts.push_back(std::to_string(id));
  std::string sql = kDeleteWhereId;
  if (kind_ == DatabaseKind::kSqlite) {
    sql += " IN (SELECT CAST(value AS INTEGER) FROM json_each(:ids))";
  } else {
    sql += " = ANY(ARRAY(SELECT CAST(json_array_elements_text(CAST(:ids AS json)) AS BIGINT)))";
  }
  const std::string json_ids = IdsJson(texts);
  session_ << sql, soci::use(json_ids, "ids");
}

void TimerTable::Replace(const std::vector<InvoiceTimer>& timers, Instant at) {
  const std::int64_t at_ms = ToEpochMillis(at);
  if (timers.empty()) return;
  if (kind_ == DatabaseKind::kSqlite) {
    std::string kind, invoice, step;
    long long due_at = 0;
    long long created_at = at_ms;
    soci::statement upsert = (session_.prepare << kUpsertTimerRow, soci::use(kind, "kind"),
                              soci::use(invoice, "invoice"), soci::use(step, "step"),
                              soci::use(due_at, "due_at"), soci::use(created_at, "created_at"));
    for (const InvoiceTimer& timer : timers) {
      kind = TimerKindName(timer.next.kind);
      invoice = timer.invoice;
      step = timer.next.kind == TimerKind::kStep ? timer.next.step : "";
      due_at = ToEpochMillis(timer.next.due_at);
      upsert.execute(true);
    }
    return;
  }
  json rows = json::array();
  for (const InvoiceTimer& timer : timers) {
    rows.push_back({{"kind", TimerKindName(timer.next.kind)},
                    {"invoice", timer.invoice},
                    {"step", timer.next.kind == TimerKind::kStep ? timer.next.step : ""},
                    {"due_at", ToEpochMillis(timer.next.due_at)},
                    {"created_at", at_ms}});
  }
  WriteRows(session_,
            "INSERT INTO timers (kind, invoice, step, due_at, attempt, created_at)"
            " SELECT kind, invoice, step, due_at, 0, created_at FROM (" +
                JsonRowsSelect(kind_, {{"kind", "text"},
                                       {"invoice", "text"},
                                       {"step", "text"},
                                       {"due_at", "bigint"},
                                       {"created_at", "bigint"}}) +
                ") AS t WHERE true ON CONFLICT (invoice) DO UPDATE SET kind = excluded.kind,"
                " step = excluded.step, due_at = excluded.due_at, attempt = 0,"
                " created_at = excluded.created_at",
            rows);
}

void TimerTable::InsertStarts(const std::vector<std::string>& invoices, Instant due) {
  const std::int64_t due_ms = ToEpochMillis(due);
  json rows = json::array();
  for (const std::string& invoice : invoices) {
    rows.push_back({{"invoice", invoice}, {"due_at", due_ms}});
  }
  WriteRows(session_,
            "INSERT INTO timers (kind, invoice, step, due_at, attempt, created_at)"
            " SELECT 'start', invoice, '', due_at, 0, due_at FROM (" +
                JsonRowsSelect(kind_, {{"invoice", "text"}, {"due_at", "bigint"}}) +
                ") AS t WHERE true ON CONFLICT (invoice) DO NOTHING",
            rows);
}

std::map<std::string, Instance> TimerTable::Instances(const std::vector<std::string>& invoices) {
  std::map<std::string, Instance> found;
  if (invoices.empty()) return found;
  Instance row;
  long long version = 0;
  std::string state;
  const std::string json_ids = IdsJson(invoices);
  soci::statement select(session_);
  select.exchange(soci::into(row.invoice));
  select.exchange(soci::into(row.customer));
  select.exchange(soci::into(row.segment));
  select.exchange(soci::into(row.workflow));
  select.exchange(soci::into(version));
  select.exchange(soci::into(state));
  select.exchange(soci::into(row.next_step));
  select.exchange(soci::into(row.reason));
  select.exchange(soci::use(json_ids, "ids"));
  Prepare(select, WithIdsIn(kind_, kSelectInstancesWhereInvoice));
  select.execute();
  while (select.fetch()) {
    row.version = version;
    row.state = ParseInstanceState(state).value_or(InstanceState::kEnded);
    found[row.invoice] = row;
  }
  return found;
}

void TimerTable::UpsertInstances(const std::vector<Instance>& instances, Instant at) {
  const std::int64_t at_ms = ToEpochMillis(at);
  if (instances.empty()) return;
  if (kind_ == DatabaseKind::kSqlite) {
    Instance row;
    long long version = 0;
    std::string state;
    long long updated_at = at_ms;
    soci::statement upsert =
        (session_.prepare << kUpsertInstanceRow, soci::use(row.invoice, "invoice"),
         soci::use(row.customer, "customer"), soci::use(row.segment, "segment"),
         soci::use(row.workflow, "workflow"), soci::use(version, "version"),
         soci::use(state, "state"), soci::use(row.next_step, "next_step"),
         soci::use(row.reason, "reason"), soci::use(updated_at, "updated_at"));
    for (const Instance& instance : instances) {
      row = instance;
      version = instance.version;
      state = InstanceStateName(instance.state);
      upsert.execute(true);
    }
    return;
  }
  json rows = json::array();
  for (const Instance& instance : instances) {
    rows.push_back({{"invoice", instance.invoice},
                    {"customer", instance.customer},
                    {"segment", instance.segment},
                    {"workflow", instance.workflow},
                    {"version", instance.version},
                    {"state", InstanceStateName(instance.state)},
                    {"next_step", instance.next_step},
                    {"reason", instance.reason},
                    {"updated_at", at_ms}});
  }
  WriteRows(
      session_,
      "INSERT INTO workflow_instances (invoice, customer, segment, workflow, version, state,"
      " next_step, reason, updated_at) SELECT invoice, customer, segment, workflow, version, state,"
      " next_step, reason, updated_at FROM (" +
          JsonRowsSelect(kind_, {{"invoice", "text"},
                                 {"customer", "text"},
                                 {"segment", "text"},
                                 {"workflow", "text"},
                                 {"version", "bigint"},
                                 {"state", "text"},
                                 {"next_step", "text"},
                                 {"reason", "text"},
                                 {"updated_at", "bigint"}}) +
          ") AS t WHERE true ON CONFLICT (invoice) DO UPDATE SET customer = excluded.customer,"
          " segment = excluded.segment, workflow = excluded.workflow, version = excluded.version,"
          " state = excluded.state, next_step = excluded.next_step, reason = excluded.reason,"
          " updated_at = excluded.updated_at",
      rows);
}

std::vector<std::string> TimerTable::RunKeys(const std::vector<std::string>& invoices) {
  std::vector<std::string> keys;
  if (invoices.empty()) return keys;
  std::string invoice;
  StepRun run;
  long long version = 0;
  const std::string json_ids = IdsJson(invoices);
  soci::statement select(session_);
  select.exchange(soci::into(invoice));
  select.exchange(soci::into(run.workflow));
  select.exchange(soci::into(version));
  select.exchange(soci::into(run.step));
  select.exchange(soci::use(json_ids, "ids"));
  Prepare(select, WithIdsIn(kind_, kSelectRunKeysWhereInvoice));
  select.execute();
  while (select.fetch()) {
    run.version = version;
    keys.push_back(RunKey(invoice, run));
  }
  return keys;
}

void TimerTable::InsertRuns(const std::vector<InvoiceRun>& runs, Instant at) {
  const std::int64_t at_ms = ToEpochMillis(at);
  if (runs.empty()) return;
  if (kind_ == DatabaseKind::kSqlite) {
    InvoiceRun row;
    long long version = 0;
    long long index = 0;
    long long ran_at = at_ms;
    soci::statement insert =
        (session_.prepare << kInsertRunRow, soci::use(row.invoice, "invoice"),
         soci::use(row.run.workflow, "workflow"), soci::use(version, "version"),
         soci::use(row.run.step, "step"), soci::use(row.run.outcome, "outcome"),
         soci::use(ran_at, "ran_at"), soci::use(index, "run_index"));
    for (const InvoiceRun& run : runs) {
      row = run;
      version = run.run.version;
      index = run.index;
      insert.execute(true);
    }
    return;
  }
  json rows = json::array();
  for (const InvoiceRun& run : runs) {
    rows.push_back({{"invoice", run.invoice},
                    {"workflow", run.run.workflow},
                    {"version", run.run.version},
                    {"step", run.run.step},
                    {"outcome", run.run.outcome},
                    {"ran_at", at_ms},
                    {"run_index", run.index}});
  }
  WriteRows(session_,
            "INSERT INTO step_runs (invoice, workflow, version, step, outcome, ran_at, run_index)"
            " SELECT invoice, workflow, version, step, outcome, ran_at, run_index FROM (" +
                JsonRowsSelect(kind_, {{"invoice", "text"},
                                       {"workflow", "text"},
                                       {"version", "bigint"},
                                       {"step", "text"},
                                       {"outcome", "text"},
                                       {"ran_at", "bigint"},
                                       {"run_index", "bigint"}}) +
                ") AS t",
            rows);
}

std::vector<StoredStepRun> TimerTable::Runs(const std::string& invoice) {
  StoredStepRun row;
  long long version = 0;
  long long ran_at = 0;
  soci::statement select(session_);
  select.exchange(soci::into(row.invoice));
  select.exchange(soci::into(row.run.workflow));
  select.exchange(soci::into(version));
  select.exchange(soci::into(row.run.step));
  select.exchange(soci::into(row.run.outcome));
  select.exchange(soci::into(ran_at));
  if (!invoice.empty()) select.exchange(soci::use(invoice, "invoice"));
  Prepare(select, invoice.empty() ? kSelectAllRuns : kSelectRunsOfInvoice);
  select.execute();
  std::vector<StoredStepRun> runs;
  while (select.fetch()) {
    row.run.version = version;
    row.at = FromEpochMillis(ran_at);
    runs.push_back(row);
  }
  return runs;
}

}  // namespace duly::daemon
