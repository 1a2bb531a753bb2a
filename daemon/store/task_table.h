// duly::daemon::TaskTable: the collectors' work list in table `tasks`: the engine's call tasks
// (written by EffectWriter) and the follow-up tasks created here.
//
// Promise: reads fill each task's work-list facts as of `now` in a fixed number of statements
// for the whole list: the open amount of the customer's open invoices the task names (all of
// the customer's open invoices when it names none), the largest days overdue among them (UTC
// day of `now` minus due date, at least 0), and the segment of the customer's collection
// instance (that of a named invoice first, else the customer's first by invoice; "" when none).
// ListOpen() takes open and claimed tasks due at or before `now`, by due_at then id (index
// tasks_due). Create() checks the kind (never call: "/kind") and the customer (kNotFound) and
// appends "task.created" {task, kind, detail, message, invoices}. Claim() and Complete() follow
// workflows/task_store.h and append "task.claimed" {task, kind, colleague} and "task.completed"
// {task, kind, colleague, outcome, note, attempts, and promised_amount/promised_date,
// dispute_reason or retry_at when given}; both lock the row first (PostgreSQL FOR UPDATE).
// Runs inside the caller's transaction; throws soci_error. Thread-safety: one per transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "daemon/store/database_url.h"
#include "daemon/store/history_chain.h"
#include "workflows/task_store.h"

namespace duly::daemon {

class TaskTable {
 public:
  TaskTable(soci::session& session, DatabaseKind kind) : session_(session), kind_(kind) {}

  std::vector<CollectorTask> ListOpen(Instant now, int limit);
  std::optional<CollectorTask> Find(std::int64_t id, Instant now, bool lock = false);
  Result<CollectorTask> Create(const NewTask& task, HistoryChain& chain);
  Result<CollectorTask> Claim(std::int64_t id, const std::string& colleague, HistoryChain& chain);
  Result<CollectorTask> Complete(std::int64_t id, const TaskCompletion& completion,
                                 HistoryChain& chain);

 private:
  // Tasks selected by `where` (with :a and :b bound to the two numbers), facts filled.
  std::vector<CollectorTask> Select(const std::string& where, long long a, long long b,
                                    Instant now);
  void FillFacts(std::vector<CollectorTask>& tasks, Instant now);
  bool ColleagueExists(const std::string& colleague);

  soci::session& session_;
  DatabaseKind kind_;
};

// Whether `completion` fits `task` (an outcome for calls only, retry_at for no_answer only,
// amount and date for promises, a reason for disputes); kInvalidArgument naming the field.
Status CheckCompletion(const CollectorTask& task, const TaskCompletion& completion);

}  // namespace duly::daemon
