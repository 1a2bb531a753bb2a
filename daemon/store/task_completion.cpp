// TaskTable::Complete and CheckCompletion (task_table.h): how a collector closes a task.
#include <nlohmann/json.hpp>

#include "daemon/store/task_table.h"

namespace duly::daemon {
namespace {

using nlohmann::json;

// Done, or open again for a call that was not answered.
constexpr const char* kComplete =
    "UPDATE tasks SET state = :state, assignee = :assignee, due_at = :due_at,"
    " attempts = :attempts, outcome = :outcome, note = :note, updated_at = :at WHERE id = :id";

}  // namespace

Status CheckCompletion(const CollectorTask& task, const TaskCompletion& completion) {
  if (completion.colleague.empty()) return FieldInvalid("/colleague", "must name who completes it");
  if (task.kind != TaskKind::kCall) {
    if (completion.outcome) {
      return FieldInvalid(
          "/outcome", std::string("a ") + TaskKindName(task.kind) + " task has no call outcome");
    }
  } else if (!completion.outcome) {
    return FieldInvalid("/outcome",
                        "a call task needs an outcome: reached, promise, dispute, no_answer or "
                        "wrong_number");
  }
  const bool no_answer = completion.outcome == CallOutcome::kNoAnswer;
  if (no_answer != completion.retry_at.has_value()) {
    return FieldInvalid("/retry_at", no_answer ? "is required when nobody answered"
                                               : "is only for a call nobody answered");
  }
  const bool promise = completion.outcome == CallOutcome::kPromise;
  if (promise != completion.promised_amount.has_value()) {
    return FieldInvalid("/promised_amount",
                        promise ? "is required for a promise" : "is only for a promise");
  }
  if (promise &&
      (completion.promised_amount->IsZero() || completion.promised_amount->IsNegative())) {
    return FieldInvalid("/promised_amount", "must be more than 0");
  }
  if (promise != completion.promised_date.has_value()) {
    return FieldInvalid("/promised_date",
                        promise ? "is required for a promise" : "is only for a promise");
  }
  const bool dispute = completion.outcome == CallOutcome::kDispute;
  if (dispute == completion.dispute_reason.empty()) {
    return FieldInvalid("/dispute_reason",
                        dispute ? "is required for a dispute" : "is only for a dispute");
  }
  return Status::Ok();
}

Result<CollectorTask> TaskTable::Complete(std::int64_t id, const TaskCompletion& completion,
                                          HistoryChain& chain) {
  auto task = Find(id, chain.at(), true);
  if (!task) return NotFound("task " + std::to_string(id) + " does not exist");
  if (task->state == TaskState::kDone || task->state == TaskState::kCancelled) {
    return Conflict("task " + std::to_string(id) + " is already " + TaskStateName(task->state));
  }
  if (task->state == TaskState::kClaimed && task->assignee != completion.colleague) {
    return Conflict("task " + std::to_string(id) + " is claimed by " + task->assignee);
  }
  if (Status fits = CheckCompletion(*task, completion); !fits) return std::move(fits).error();
  if (!ColleagueExists(completion.colleague)) {
    return NotFound("colleague " + completion.colleague + " does not exist");
  }
  const bool again = completion.outcome == CallOutcome::kNoAnswer;
  task->state = again ? TaskState::kOpen : TaskState::kDone;
  task->assignee = again ? "" : completion.colleague;
  if (again) {
    task->attempts += 1;
    task->due_at = *completion.retry_at;
  }
  const std::string state = TaskStateName(task->state);
  const std::string outcome = completion.outcome ? CallOutcomeName(*completion.outcome) : "";
  long long due_at = ToEpochMillis(task->due_at);
  long long attempts = task->attempts;
  long long at = ToEpochMillis(chain.at());
  long long wanted = id;
  session_ << kComplete, soci::use(state, "state"), soci::use(task->assignee, "assignee"),
      soci::use(due_at, "due_at"), soci::use(attempts, "attempts"), soci::use(outcome, "outcome"),
      soci::use(completion.note, "note"), soci::use(at, "at"), soci::use(wanted, "id");
  json payload = {{"task", id},
                  {"kind", TaskKindName(task->kind)},
                  {"colleague", completion.colleague},
                  {"note", completion.note},
                  {"attempts", task->attempts}};
  if (completion.outcome) payload["outcome"] = outcome;
  if (completion.promised_amount)
    payload["promised_amount"] = completion.promised_amount->ToString();
  if (completion.promised_date)
    payload["promised_date"] = FormatCalendarDate(*completion.promised_date);
  if (!completion.dispute_reason.empty()) payload["dispute_reason"] = completion.dispute_reason;
  if (completion.retry_at) payload["retry_at"] = FormatInstantUtc(*completion.retry_at);
  json invoices = json::array();
  for (const TaskItem& item : task->items) invoices.push_back(item.invoice);
  payload["invoices"] = invoices;
  chain.Append("task.completed", task->customer, "",
               payload.dump(-1, ' ', false, json::error_handler_t::replace));
  return *task;
}

}  // namespace duly::daemon
