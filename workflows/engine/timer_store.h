// duly::TimerStore: the engine's durable timers, instances and step runs.
//
// Promise: FireDueTimers is one transaction. It takes up to `limit` timers due at or before `now`
// (oldest first; on PostgreSQL with FOR UPDATE SKIP LOCKED, so several nodes share the work and a
// node that dies releases its rows with its connection; on SQLite under the single writer), reads
// a TimerInput for each (re-reading invoice, customer, instance, hold, requested facts, opt-outs),
// calls `decide` once per timer, writes every TimerOutcome as timer_outcome.h describes and
// deletes the fired timers. If anything fails, nothing of the batch is written and the error is
// returned; the caller then isolates the culprit with limit 1 and PostponeTimer. `decide` must not
// call the store. Events are recorded with actor "engine" and at == `now`.
// Errors: kUnavailable (retry), kInternal (with the SQL cause).
// Thread-safety: safe to call from many threads at once.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "workflows/engine/instance.h"
#include "workflows/engine/timer.h"
#include "workflows/engine/timer_input.h"
#include "workflows/engine/timer_outcome.h"
#include "workflows/status.h"

namespace duly {

using TimerDecision = std::function<TimerOutcome(const TimerInput&, const TimerBatch&)>;

struct FireReport {
  std::int64_t fired = 0;     // timers taken and decided
  std::int64_t new_runs = 0;  // step runs inserted (executed or skipped steps)
  std::int64_t effects = 0;   // message parts, call task parts, notifications, handovers written
  std::int64_t events = 0;    // history entries appended
  std::vector<std::int64_t> lateness_ms;  // per fired timer: now - due_at, in milliseconds
  friend bool operator==(const FireReport&, const FireReport&) = default;
};

// A step run as stored (for the API, tests and the crash test).
struct StoredStepRun {
  std::string invoice;
  StepRun run;
  Instant at{};
};

class TimerStore {
 public:
  virtual ~TimerStore() = default;

  virtual Result<FireReport> FireDueTimers(Instant now, int limit, const FactRequest& facts,
                                           bool with_colleagues, const TimerDecision& decide) = 0;

  // The earliest due time of any timer, or nullopt when there are none.
  virtual Result<std::optional<Instant>> NextTimerDue() = 0;
  // Up to `limit` timers due at or before `now`, oldest first, without taking them.
  virtual Result<std::vector<Timer>> PeekDueTimers(Instant now, int limit) = 0;
  // After a failed attempt: attempt + 1, due_at = `until`, and an "engine.timer_failed" event
  // with `error`. kNotFound when the timer is gone.
  virtual Status PostponeTimer(std::int64_t timer_id, Instant until, const std::string& error) = 0;

  virtual Result<std::int64_t> PendingTimers() = 0;  // how many timers exist
  virtual Result<std::optional<Instance>> GetInstance(const std::string& invoice) = 0;
  virtual Result<std::optional<Timer>> GetTimer(const std::string& invoice) = 0;
  // Step runs of one invoice (or of all invoices when `invoice` is empty), in run order.
  virtual Result<std::vector<StoredStepRun>> StepRuns(const std::string& invoice) = 0;
};

}  // namespace duly
