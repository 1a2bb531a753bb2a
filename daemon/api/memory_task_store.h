// MemoryTaskStore: an in-memory TaskStore for the API tests until SociStore implements TaskStore
// (then api_test_fixture.h points ApiContext::tasks at the SociStore and this file goes).
//
// Promise: follows the TaskStore contract (workflows/task_store.h) over a map guarded by one
// mutex, reading customers, colleagues and invoices from the real Store it is given: claim and
// completion rules and their kConflict / kInvalidArgument fields, a no_answer completion opening
// the task again at retry_at with attempts + 1, replies creating one kReply task per customer
// with the phone (Store::FindCustomersByPhone). The facts ListOpenTasks and GetTask fill are
// computed from the customer's open invoices in the Store (the named ones, or all open ones for
// a task without invoices; days overdue in `time_zone`); the segment is what SetSegment said
// (the fake has no engine instances). Events are kept in Events() as "type customer detail"
// lines instead of the Store's history. Call tasks are seeded with SeedCallTask (the engine
// plans those). Test-only; thread-safe.
#pragma once

#include <algorithm>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "workflows/clock.h"
#include "workflows/store.h"
#include "workflows/task_store.h"

namespace duly::daemon {

class MemoryTaskStore : public TaskStore {
 public:
  MemoryTaskStore(Store& store, const Clock& clock, std::string time_zone)
      : store_(store), clock_(clock), time_zone_(std::move(time_zone)) {}

  std::int64_t SeedCallTask(const std::string& customer, std::vector<TaskItem> items,
                            Instant due_at) {
    std::lock_guard lock(mutex_);
    CollectorTask task;
    task.id = next_id_++;
    task.kind = TaskKind::kCall;
    task.customer = customer;
    task.script = items.empty() ? std::string() : items.front().script;
    task.items = std::move(items);
    task.due_at = due_at;
    task.created_at = clock_.Now();
    tasks_[task.id] = task;
    return task.id;
  }
  void SetSegment(const std::string& customer, const std::string& segment) {
    std::lock_guard lock(mutex_);
    segments_[customer] = segment;
  }
  std::vector<std::string> Events() const {
    std::lock_guard lock(mutex_);
    return events_;
  }

  Result<std::vector<CollectorTask>> ListOpenTasks(Instant now, int limit) override {
    std::lock_guard lock(mutex_);
    std::vector<CollectorTask> open;
    for (const auto& [id, task] : tasks_) {
      if (static_cast<int>(open.size()) >= limit) break;
      const bool active = task.state == TaskState::kOpen || task.state == TaskState::kClaimed;
      if (!active || task.due_at > now) continue;
      Result<CollectorTask> with_facts = WithFacts(task);
      if (!with_facts) return std::move(with_facts).error();
      open.push_back(std::move(*with_facts));
    }
    return open;
  }

  Result<CollectorTask> GetTask(std::int64_t id) override {
    std::lock_guard lock(mutex_);
    auto found = tasks_.find(id);
    if (found == tasks_.end()) return NotFound("task " + std::to_string(id) + " does not exist");
    return WithFacts(found->second);
  }

  Result<CollectorTask> CreateTask(const NewTask& request, const Actor& /*actor*/) override {
    std::lock_guard lock(mutex_);
    return Create(request);
  }

  Result<CollectorTask> ClaimTask(std::int64_t id, const std::string& colleague,
                                  const Actor& /*actor*/) override {
    std::lock_guard lock(mutex_);
    auto found = tasks_.find(id);
    if (found == tasks_.end()) return NotFound("task " + std::to_string(id) + " does not exist");
    CollectorTask& task = found->second;
    if (Result<Colleague> exists = store_.GetColleague(colleague); !exists) {
      return std::move(exists).error();
    }
    if (task.state == TaskState::kDone || task.state == TaskState::kCancelled) {
      return Conflict("task " + std::to_string(id) + " is " + TaskStateName(task.state));
    }
    if (task.state == TaskState::kClaimed && task.assignee != colleague) {
      return Conflict("task " + std::to_string(id) + " is claimed by " + task.assignee);
    }
    if (task.state != TaskState::kClaimed) {
      task.state = TaskState::kClaimed;
      task.assignee = colleague;
      events_.push_back("task.claimed " + task.customer + " " + colleague);
    }
    return WithFacts(task);
  }

  Result<CollectorTask> CompleteTask(std::int64_t id, const TaskCompletion& completion,
                                     const Actor& /*actor*/) override {
    std::lock_guard lock(mutex_);
    auto found = tasks_.find(id);
    if (found == tasks_.end()) return NotFound("task " + std::to_string(id) + " does not exist");
    CollectorTask& task = found->second;
    if (task.state == TaskState::kDone || task.state == TaskState::kCancelled) {
      return Conflict("task " + std::to_string(id) + " is " + TaskStateName(task.state));
    }
    if (task.state == TaskState::kClaimed && task.assignee != completion.colleague) {
      return Conflict("task " + std::to_string(id) + " is claimed by " + task.assignee);
    }
    if (Status valid = CheckCompletion(task, completion); !valid) return std::move(valid).error();
    std::string detail = completion.outcome ? CallOutcomeName(*completion.outcome) : "done";
    if (completion.outcome == CallOutcome::kNoAnswer) {
      task.state = TaskState::kOpen;
      task.assignee.clear();
      task.due_at = *completion.retry_at;
      ++task.attempts;
      detail += " retry_at=" + FormatInstantUtc(*completion.retry_at);
    } else {
      task.state = TaskState::kDone;
      task.assignee = completion.colleague;
    }
    if (completion.promised_amount) detail += " amount=" + completion.promised_amount->ToString();
    if (completion.promised_date)
      detail += " date=" + FormatCalendarDate(*completion.promised_date);
    if (!completion.dispute_reason.empty()) detail += " reason=" + completion.dispute_reason;
    if (!completion.note.empty()) detail += " note=" + completion.note;
    events_.push_back("task.completed " + task.customer + " " + detail);
    return WithFacts(task);
  }

  Result<std::vector<CollectorTask>> RecordReply(const std::string& from,
                                                 const std::string& channel,
                                                 const std::string& text,
                                                 const std::string& provider_id,
                                                 const Actor& /*actor*/) override {
    std::lock_guard lock(mutex_);
    Result<std::vector<std::string>> customers = store_.FindCustomersByPhone(from);
    if (!customers) return std::move(customers).error();
    if (customers->empty()) return NotFound("no customer has the phone " + from);
    std::vector<CollectorTask> created;
    for (const std::string& customer : *customers) {
      events_.push_back("customer.replied " + customer + " " + channel + " " + provider_id + " " +
                        text);
      NewTask reply;
      reply.kind = TaskKind::kReply;
      reply.customer = customer;
      reply.detail = text;
      Result<CollectorTask> task = Create(reply);
      if (!task) return std::move(task).error();
      created.push_back(std::move(*task));
    }
    return created;
  }

 private:
  static Status CheckCompletion(const CollectorTask& task, const TaskCompletion& completion) {
    const bool call = task.kind == TaskKind::kCall;
    if (call && !completion.outcome) return FieldInvalid("/outcome", "a call needs an outcome");
    if (!call && completion.outcome) {
      return FieldInvalid("/outcome", "only call tasks have an outcome");
    }
    const bool promise = completion.outcome == CallOutcome::kPromise;
    if (promise && (!completion.promised_amount || !completion.promised_date)) {
      return FieldInvalid("/promised_amount", "a promise needs an amount and a date");
    }
    if (!promise && (completion.promised_amount || completion.promised_date)) {
      return FieldInvalid("/promised_amount", "only a promise has an amount and a date");
    }
    const bool no_answer = completion.outcome == CallOutcome::kNoAnswer;
    if (no_answer != completion.retry_at.has_value()) {
      return FieldInvalid("/retry_at", "a no_answer outcome, and only that, is retried");
    }
    return Status::Ok();
  }

  Result<CollectorTask> Create(const NewTask& request) {
    if (request.kind == TaskKind::kCall) {
      return FieldInvalid("/kind", "call tasks come from the engine");
    }
    if (Result<Customer> customer = store_.GetCustomer(request.customer); !customer) {
      return std::move(customer).error();
    }
    CollectorTask task;
    task.id = next_id_++;
    task.kind = request.kind;
    task.customer = request.customer;
    for (const std::string& invoice : request.invoices) task.items.push_back({invoice, "", ""});
    task.detail = request.detail;
    task.message = request.message;
    task.created_at = task.due_at = clock_.Now();
    tasks_[task.id] = task;
    events_.push_back(std::string("task.created ") + task.customer + " " + TaskKindName(task.kind) +
                      " " + task.detail);
    return WithFacts(task);
  }

  Result<CollectorTask> WithFacts(CollectorTask task) const {
    task.open_amount = Money();
    task.days_overdue = 0;
    InvoiceFilter filter;
    filter.customer = task.customer;
    filter.status = InvoiceStatus::kOpen;
    PageRequest page;
    page.limit = 1000;
    Result<Page<Invoice>> invoices = store_.ListInvoices(filter, page);
    if (!invoices) return std::move(invoices).error();
    const CalendarDate today = LocalDay(clock_.Now(), time_zone_);
    for (const Invoice& invoice : invoices->items) {
      const bool named =
          std::any_of(task.items.begin(), task.items.end(),
                      [&](const TaskItem& item) { return item.invoice == invoice.id; });
      if (!task.items.empty() && !named) continue;
      if (invoice.kind != InvoiceKind::kInvoice) continue;
      task.open_amount += invoice.open_amount;
      task.days_overdue = std::max<std::int64_t>(task.days_overdue, (today - invoice.due).count());
    }
    auto segment = segments_.find(task.customer);
    task.segment = segment == segments_.end() ? std::string() : segment->second;
    return task;
  }

  Store& store_;
  const Clock& clock_;
  const std::string time_zone_;
  mutable std::mutex mutex_;
  std::int64_t next_id_ = 1;
  std::map<std::int64_t, CollectorTask> tasks_;
  std::map<std::string, std::string> segments_;
  std::vector<std::string> events_;
};

}  // namespace duly::daemon
