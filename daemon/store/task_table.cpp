#include "daemon/store/task_table.h"

#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "daemon/store/bulk_ids.h"
#include "daemon/store/colleague_table.h"

namespace duly::daemon {
namespace {

using nlohmann::json;

constexpr const char* kTaskColumns =
    "SELECT id, kind, customer, items, script, detail, message, state, assignee, due_at,"
    " created_at, attempts FROM tasks WHERE ";
// The work list (index tasks_due).
constexpr const char* kOpenWhere =
    "state IN ('open', 'claimed') AND due_at <= :a ORDER BY due_at, id LIMIT :b";
constexpr const char* kByIdWhere = "id = :a LIMIT :b";
// The open invoices of the tasks' customers (index invoices_customer; completed by WithIdsIn).
constexpr const char* kSelectOpenInvoices =
    "SELECT id, customer, open_amount, due FROM invoices WHERE kind = 'invoice'"
    " AND status = 'open' AND customer";
// The segments of the tasks' customers (index workflow_instances_customer).
constexpr const char* kSelectSegments =
    "SELECT customer, invoice, segment FROM workflow_instances WHERE customer";
constexpr const char* kCountCustomer = "SELECT COUNT(*) FROM customers WHERE id = :id";
constexpr const char* kInsertTask =
    "INSERT INTO tasks (kind, customer, local_day, script, items, detail, message, assignee,"
    " state, due_at, attempts, outcome, note, created_at, updated_at) VALUES (:kind, :customer,"
    " :local_day, '', :items, :detail, :message, '', 'open', :at1, 0, '', '', :at2, :at3)"
    " RETURNING id";
constexpr const char* kClaim =
    "UPDATE tasks SET state = 'claimed', assignee = :colleague, updated_at = :at WHERE id = :id";

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

TaskKind KindFromName(const std::string& name) {
  for (auto kind :
       {TaskKind::kCall, TaskKind::kFailedMessage, TaskKind::kUnknownOutcome, TaskKind::kReply}) {
    if (name == TaskKindName(kind)) return kind;
  }
  return TaskKind::kCall;
}

TaskState StateFromName(const std::string& name) {
  for (auto state :
       {TaskState::kOpen, TaskState::kClaimed, TaskState::kDone, TaskState::kCancelled}) {
    if (name == TaskStateName(state)) return state;
  }
  return TaskState::kOpen;
}

}  // namespace

std::vector<CollectorTask> TaskTable::Select(const std::string& where, long long a, long long b,
                                             Instant now) {
  std::vector<CollectorTask> tasks;
  long long id = 0, message = 0, due_at = 0, created_at = 0, attempts = 0;
  std::string kind, customer, items, script, detail, state, assignee;
  soci::statement select =
      (session_.prepare << kTaskColumns + where, soci::into(id), soci::into(kind),
       soci::into(customer), soci::into(items), soci::into(script), soci::into(detail),
       soci::into(message), soci::into(state), soci::into(assignee), soci::into(due_at),
       soci::into(created_at), soci::into(attempts), soci::use(a, "a"), soci::use(b, "b"));
  select.execute();
  while (select.fetch()) {
    CollectorTask task;
    task.id = id;
    task.kind = KindFromName(kind);
    task.customer = customer;
    for (const json& item : json::parse(items)) {
      task.items.push_back({item.at("invoice").get<std::string>(),
                            item.value("step", std::string()),
                            item.value("script", std::string())});
    }
    task.script = script;
    task.detail = detail;
    task.message = message;
    task.state = StateFromName(state);
    task.assignee = assignee;
    task.due_at = FromEpochMillis(due_at);
    task.created_at = FromEpochMillis(created_at);
    task.attempts = attempts;
    tasks.push_back(std::move(task));
  }
  FillFacts(tasks, now);
  return tasks;
}

void TaskTable::FillFacts(std::vector<CollectorTask>& tasks, Instant now) {
  std::set<std::string> customer_set;
  for (const CollectorTask& task : tasks) customer_set.insert(task.customer);
  const std::vector<std::string> customers(customer_set.begin(), customer_set.end());
  struct OpenInvoice {
    std::string id;
    long long open_amount = 0;
    long long days_overdue = 0;
  };
  std::map<std::string, std::vector<OpenInvoice>> open;  // customer -> its open invoices
  std::string invoice, customer, due, segment;
  long long amount = 0;
  const CalendarDate today = std::chrono::floor<date::days>(now);
  ForEachRowIn(
      session_, kind_, kSelectOpenInvoices, customers, "",
      [&] {
        long long days = 0;
        if (auto day = ParseCalendarDate(due))
          days = std::max<long long>((today - *day).count(), 0);
        open[customer].push_back({invoice, amount, days});
      },
      soci::into(invoice), soci::into(customer), soci::into(amount), soci::into(due));
  std::map<std::string, std::map<std::string, std::string>> segments;  // customer -> invoice ->
  ForEachRowIn(
      session_, kind_, kSelectSegments, customers, "",
      [&] { segments[customer][invoice] = segment; }, soci::into(customer), soci::into(invoice),
      soci::into(segment));
  for (CollectorTask& task : tasks) {
    std::set<std::string> named;
    for (const TaskItem& item : task.items) named.insert(item.invoice);
    long long total = 0;
    long long overdue = 0;
    for (const OpenInvoice& row : open[task.customer]) {
      if (!named.empty() && named.count(row.id) == 0) continue;
      total += row.open_amount;
      overdue = std::max(overdue, row.days_overdue);
    }
    task.open_amount = Money::FromCents(total);
    task.days_overdue = overdue;
    task.segment.clear();
    const auto& by_invoice = segments[task.customer];
    for (const TaskItem& item : task.items) {
      if (auto found = by_invoice.find(item.invoice); found != by_invoice.end()) {
        task.segment = found->second;
        break;
      }
    }
    if (task.segment.empty() && !by_invoice.empty()) task.segment = by_invoice.begin()->second;
  }
}

std::vector<CollectorTask> TaskTable::ListOpen(Instant now, int limit) {
  return Select(kOpenWhere, ToEpochMillis(now), limit, now);
}

std::optional<CollectorTask> TaskTable::Find(std::int64_t id, Instant now, bool lock) {
  std::string where = kByIdWhere;
  if (lock && kind_ == DatabaseKind::kPostgresql) where += " FOR UPDATE";
  auto tasks = Select(where, id, 1, now);
  if (tasks.empty()) return std::nullopt;
  return tasks.front();
}

bool TaskTable::ColleagueExists(const std::string& colleague) {
  return ColleagueTable(session_, kind_).Find(colleague).has_value();
}

Result<CollectorTask> TaskTable::Create(const NewTask& task, HistoryChain& chain) {
  if (task.kind == TaskKind::kCall) {
    return FieldInvalid("/kind", "call tasks are planned by the engine, not created");
  }
  long long count = 0;
  session_ << kCountCustomer, soci::use(task.customer, "id"), soci::into(count);
  if (count == 0) return NotFound("customer " + task.customer + " does not exist");
  json items = json::array();
  for (const std::string& invoice : task.invoices) {
    items.push_back({{"invoice", invoice}, {"step", ""}, {"script", ""}});
  }
  const std::string kind = TaskKindName(task.kind);
  const std::string items_text = Dump(items);
  const std::string day = FormatCalendarDate(std::chrono::floor<date::days>(chain.at()));
  long long message = task.message;
  long long at = ToEpochMillis(chain.at());
  long long id = 0;
  session_ << kInsertTask, soci::use(kind, "kind"), soci::use(task.customer, "customer"),
      soci::use(day, "local_day"), soci::use(items_text, "items"), soci::use(task.detail, "detail"),
      soci::use(message, "message"), soci::use(at, "at1"), soci::use(at, "at2"),
      soci::use(at, "at3"), soci::into(id);
  chain.Append("task.created", task.customer, task.invoices.size() == 1 ? task.invoices[0] : "",
               Dump(json{{"task", id},
                         {"kind", kind},
                         {"detail", task.detail},
                         {"message", task.message},
                         {"invoices", task.invoices}}));
  return *Find(id, chain.at());
}

Result<CollectorTask> TaskTable::Claim(std::int64_t id, const std::string& colleague,
                                       HistoryChain& chain) {
  auto task = Find(id, chain.at(), true);
  if (!task) return NotFound("task " + std::to_string(id) + " does not exist");
  if (!ColleagueExists(colleague)) return NotFound("colleague " + colleague + " does not exist");
  if (task->state == TaskState::kClaimed && task->assignee == colleague) return *task;
  if (task->state != TaskState::kOpen) {
    return Conflict("task " + std::to_string(id) + " is " + TaskStateName(task->state) +
                    (task->state == TaskState::kClaimed ? " by " + task->assignee : ""));
  }
  long long wanted = id;
  long long at = ToEpochMillis(chain.at());
  session_ << kClaim, soci::use(colleague, "colleague"), soci::use(at, "at"),
      soci::use(wanted, "id");
  chain.Append(
      "task.claimed", task->customer, "",
      Dump(json{{"task", id}, {"kind", TaskKindName(task->kind)}, {"colleague", colleague}}));
  task->state = TaskState::kClaimed;
  task->assignee = colleague;
  return *task;
}

}  // namespace duly::daemon
