#include "channels/dispatch/testdata/memory_tasks.h"

namespace duly::channels {

void MemoryTasks::AddColleague(const std::string& id) {
  std::lock_guard lock(mutex_);
  colleagues_.insert(id);
}

std::vector<CollectorTask> MemoryTasks::tasks() const {
  std::lock_guard lock(mutex_);
  std::vector<CollectorTask> all;
  for (const auto& [id, task] : tasks_) all.push_back(task);
  return all;
}

Result<std::vector<CollectorTask>> MemoryTasks::ListOpenTasks(Instant now, int limit) {
  std::lock_guard lock(mutex_);
  std::vector<CollectorTask> open;
  for (const auto& [id, task] : tasks_) {
    if (static_cast<int>(open.size()) >= limit) break;
    const bool is_open = task.state == TaskState::kOpen || task.state == TaskState::kClaimed;
    if (is_open && task.due_at <= now) open.push_back(task);
  }
  return open;
}

Result<CollectorTask> MemoryTasks::GetTask(std::int64_t id) {
  std::lock_guard lock(mutex_);
  const auto task = tasks_.find(id);
  if (task == tasks_.end()) return NotFound("no task " + std::to_string(id));
  return task->second;
}

Result<CollectorTask> MemoryTasks::CreateTask(const NewTask& task, const Actor& /*actor*/) {
  if (task.kind == TaskKind::kCall) {
    return FieldInvalid("/kind", "call tasks are planned by the engine");
  }
  std::lock_guard lock(mutex_);
  CollectorTask created;
  created.id = next_id_++;
  created.kind = task.kind;
  created.customer = task.customer;
  for (const std::string& invoice : task.invoices) created.items.push_back({invoice, "", ""});
  created.detail = task.detail;
  created.message = task.message;
  created.due_at = clock_.Now();
  created.created_at = clock_.Now();
  tasks_[created.id] = created;
  return created;
}

Result<CollectorTask> MemoryTasks::ClaimTask(std::int64_t id, const std::string& colleague,
                                             const Actor& /*actor*/) {
  std::lock_guard lock(mutex_);
  const auto found = tasks_.find(id);
  if (found == tasks_.end()) return NotFound("no task " + std::to_string(id));
  if (colleagues_.count(colleague) == 0) return NotFound("no colleague " + colleague);
  CollectorTask& task = found->second;
  if (task.state == TaskState::kDone || task.state == TaskState::kCancelled) {
    return Conflict("task " + std::to_string(id) + " is " + TaskStateName(task.state));
  }
  if (task.state == TaskState::kClaimed && task.assignee != colleague) {
    return Conflict("task " + std::to_string(id) + " is claimed by " + task.assignee);
  }
  task.state = TaskState::kClaimed;
  task.assignee = colleague;
  return task;
}

Result<CollectorTask> MemoryTasks::CompleteTask(std::int64_t id, const TaskCompletion& completion,
                                                const Actor& /*actor*/) {
  std::lock_guard lock(mutex_);
  const auto found = tasks_.find(id);
  if (found == tasks_.end()) return NotFound("no task " + std::to_string(id));
  CollectorTask& task = found->second;
  if (task.state == TaskState::kDone || task.state == TaskState::kCancelled) {
    return Conflict("task " + std::to_string(id) + " is " + TaskStateName(task.state));
  }
  if (task.state == TaskState::kClaimed && task.assignee != completion.colleague) {
    return Conflict("task " + std::to_string(id) + " is claimed by " + task.assignee);
  }
  const bool call = task.kind == TaskKind::kCall;
  if (call != completion.outcome.has_value()) {
    return FieldInvalid(
        "/outcome", call ? "a call task needs an outcome" : "a follow-up task takes no outcome");
  }
  const bool no_answer = completion.outcome == CallOutcome::kNoAnswer;
  if (no_answer != completion.retry_at.has_value()) {
    return FieldInvalid("/retry_at", no_answer ? "no answer needs a time to try again"
                                               : "only no answer takes a retry time");
  }
  if (no_answer) {
    task.state = TaskState::kOpen;
    task.assignee.clear();
    task.attempts += 1;
    task.due_at = *completion.retry_at;
  } else {
    task.state = TaskState::kDone;
  }
  return task;
}

Result<std::vector<CollectorTask>> MemoryTasks::RecordReply(const std::string& from,
                                                            const std::string& /*channel*/,
                                                            const std::string& /*text*/,
                                                            const std::string& /*provider_id*/,
                                                            const Actor& /*actor*/) {
  return NotFound("no customer has the phone number " + from);
}

}  // namespace duly::channels
