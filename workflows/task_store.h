// duly::TaskStore: the collectors' work list: call tasks the engine plans, and follow-up tasks
// for what a machine cannot settle (a message that could not be delivered on any channel, a send
// whose outcome is unknown, a customer's reply).
//
// Promise: call tasks are the engine's rows (one per customer and local day, listing invoices
// and steps); follow-up tasks are created here, one per call, each recording "task.created" with
// its kind and detail in the same transaction. ListOpenTasks returns open tasks (state open or
// claimed) due at or before `now`, each with the facts the work list orders by (WorkListOrder in
// work_list.h): the open amount of its customer's open invoices it names (all of the customer's
// open invoices for a task without invoices), the largest days overdue among them, and the
// segment of the customer's instance ("" when none). Claim and Complete change a task only as
// described below and record "task.claimed" / "task.completed" (outcome, note, promise or
// dispute details) on the customer's history. Thread-safety: safe from many threads at once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "workflows/calendar_date.h"
#include "workflows/money.h"
#include "workflows/status.h"
#include "workflows/store.h"

namespace duly {

enum class TaskKind {
  kCall,            // a call the workflow asked for ("call_task" step)
  kFailedMessage,   // no channel could deliver a message
  kUnknownOutcome,  // a send may or may not have reached the provider; a person checks
  kReply,           // the customer replied to a message; a person reads it
};
const char* TaskKindName(TaskKind kind);  // "call", "failed_message", "unknown_outcome", "reply"

enum class TaskState { kOpen, kClaimed, kDone, kCancelled };
const char* TaskStateName(TaskState state);  // "open", "claimed", "done", "cancelled"

enum class CallOutcome { kReached, kPromise, kDispute, kNoAnswer, kWrongNumber };
const char* CallOutcomeName(CallOutcome outcome);  // "reached", "promise", "dispute", ...
std::optional<CallOutcome> ParseCallOutcome(std::string_view text);

struct TaskItem {
  std::string invoice;
  std::string step;    // empty when not from a step
  std::string script;  // call tasks: the step's script ("courtesy")
  friend bool operator==(const TaskItem&, const TaskItem&) = default;
};

struct CollectorTask {
  std::int64_t id = 0;
  TaskKind kind = TaskKind::kCall;
  std::string customer;
  std::vector<TaskItem> items;
  std::string script;  // call tasks: the first item's script
  std::string detail;  // follow-ups: what happened ("sms failed: Twilio 21211 ...", reply text)
  std::int64_t message = 0;  // follow-ups: the outbox row concerned, 0 when none
  TaskState state = TaskState::kOpen;
  std::string assignee;  // colleague id, "" when unclaimed
  Instant due_at{};
  Instant created_at{};
  std::int64_t attempts = 0;  // calls made without reaching the customer
  // Facts for the order of the work list (filled by ListOpenTasks and GetTask).
  Money open_amount;
  std::int64_t days_overdue = 0;
  std::string segment;
  friend bool operator==(const CollectorTask&, const CollectorTask&) = default;
};

struct NewTask {
  TaskKind kind = TaskKind::kFailedMessage;  // never kCall (the engine plans those)
  std::string customer;
  std::vector<std::string> invoices;
  std::string detail;
  std::int64_t message = 0;
};

// What a collector reports when completing a task.
struct TaskCompletion {
  std::string colleague;  // who completes it; must hold the claim (or the task is unclaimed)
  std::optional<CallOutcome> outcome;  // required for call tasks, absent for follow-ups
  std::string note;
  // kPromise: what was promised (issue 5 turns it into a promise to pay).
  std::optional<Money> promised_amount;
  std::optional<CalendarDate> promised_date;
  // kDispute: what the customer disputes, in the customer's words (issue 5 opens a case).
  std::string dispute_reason;
  // kNoAnswer: when to try again (the caller adds N working hours); the task opens again then,
  // unclaimed, with attempts + 1. Required for kNoAnswer, absent otherwise.
  std::optional<Instant> retry_at;
};

class TaskStore {
 public:
  virtual ~TaskStore() = default;

  virtual Result<std::vector<CollectorTask>> ListOpenTasks(Instant now, int limit) = 0;
  virtual Result<CollectorTask> GetTask(std::int64_t id) = 0;  // kNotFound
  virtual Result<CollectorTask> CreateTask(const NewTask& task, const Actor& actor) = 0;
  // kConflict when another colleague holds it or it is done; claiming one's own claim again is
  // kOk. The colleague must exist (kNotFound).
  virtual Result<CollectorTask> ClaimTask(std::int64_t id, const std::string& colleague,
                                          const Actor& actor) = 0;
  // kConflict when claimed by someone else or already done; kInvalidArgument naming the field
  // ("/outcome", "/retry_at", "/promised_amount") when the completion does not fit the task.
  virtual Result<CollectorTask> CompleteTask(std::int64_t id, const TaskCompletion& completion,
                                             const Actor& actor) = 0;
  // An inbound message from `from` (E.164) on `channel` (sms, whatsapp) that is not a keyword:
  // records "customer.replied" (channel, text, provider id) and creates a kReply task, in one
  // transaction, for each customer with that phone. kNotFound when no customer has it.
  virtual Result<std::vector<CollectorTask>> RecordReply(const std::string& from,
                                                         const std::string& channel,
                                                         const std::string& text,
                                                         const std::string& provider_id,
                                                         const Actor& actor) = 0;
};

}  // namespace duly
