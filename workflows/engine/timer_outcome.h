// duly::TimerOutcome: what the engine decided for one due timer, as rows for the store to write
// in the same transaction that read the TimerInput.
//
// Promise: plain data. The store applies an outcome as: upsert `instance` (when set), replace the
// invoice's timer by `next` (or delete it when `next` is empty), insert each of `runs` under its
// unique key (invoice, workflow, version, step) and, only when all of them are new, write the
// effects (messages, call tasks, notifications, handover) and append `events` to the history. An
// outcome with a run whose key already exists writes neither effects nor events: a step executes
// at most once, across crashes.
// Effects are bundled by the store:
//   - messages to a customer on the same channel and local day share one outbox row (pending),
//     which lists every invoice (bundle key "customer|channel|YYYY-MM-DD");
//   - call tasks for a customer on the same local day share one call task listing every invoice.
// Thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "workflows/calendar_date.h"
#include "workflows/engine/instance.h"
#include "workflows/engine/timer.h"

namespace duly {

// One invoice's part of a message to a customer.
struct MessageEffect {
  std::string customer;
  std::string channel;      // email, sms, whatsapp, letter, voice
  std::string template_id;  // "reminder-friendly"
  std::string language;     // the customer's language ("nl")
  std::string invoice;
  std::string step;        // step id that asked for it
  CalendarDate local_day;  // the customer's local day of `due_at`: the bundle key
  Instant due_at{};        // when it may be sent
  // The step's other channels after `channel`, in its order, that the customer can be reached on
  // and has not opted out of: where the dispatcher falls back to after a permanent failure.
  std::vector<std::string> fallbacks;
  friend bool operator==(const MessageEffect&, const MessageEffect&) = default;
};

// One invoice's part of a call on the collectors' work list.
struct CallTaskEffect {
  std::string customer;
  std::string invoice;
  std::string script;  // "courtesy", "follow-up"
  std::string step;
  CalendarDate local_day;  // the bundle key with the customer
  Instant due_at{};
  friend bool operator==(const CallTaskEffect&, const CallTaskEffect&) = default;
};

// A message to a colleague about a customer or invoice.
struct ColleagueNotificationEffect {
  std::string colleague;    // colleague id
  std::string channel;      // the colleague's notify channel: email, sms, whatsapp, chat
  std::string template_id;  // "customer-at-final-notice"
  std::string reason;       // why: "step:tell-account-manager", later "case_assigned", ...
  std::string customer;
  std::string invoice;
  std::string case_id;  // empty unless about a case
  std::string step;     // the step that asked for it; empty when not from a step
  Instant due_at{};
  friend bool operator==(const ColleagueNotificationEffect&,
                         const ColleagueNotificationEffect&) = default;
};

// The invoice goes to a collection agency.
struct HandoverEffect {
  std::string invoice;
  std::string customer;
  std::string agency;
  friend bool operator==(const HandoverEffect&, const HandoverEffect&) = default;
};

// One history entry; `type` like "step.ran", `payload` a JSON object text.
struct EngineEvent {
  std::string type;
  std::string payload;
  friend bool operator==(const EngineEvent&, const EngineEvent&) = default;
};

// The once-only key of a step execution (or of its skip).
struct StepRun {
  std::string workflow;
  std::int64_t version = 0;
  std::string step;
  std::string outcome;  // "ran" or "skipped:<reason>"
  friend bool operator==(const StepRun&, const StepRun&) = default;
};

struct TimerOutcome {
  std::int64_t timer_id = 0;
  std::string invoice;
  std::string customer;              // empty when the invoice is gone
  std::optional<Instance> instance;  // to insert or update; nullopt: leave as is
  std::optional<NextTimer> next;     // nullopt: the invoice has no timer afterwards
  std::vector<StepRun> runs;         // steps executed or skipped now, in order
  std::vector<EngineEvent> events;
  std::vector<MessageEffect> messages;
  std::vector<CallTaskEffect> call_tasks;
  std::vector<ColleagueNotificationEffect> notifications;
  std::optional<HandoverEffect> handover;
};

}  // namespace duly
