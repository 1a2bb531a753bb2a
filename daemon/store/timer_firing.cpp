#include "daemon/store/timer_firing.h"

#include <set>

#include "daemon/store/colleague_table.h"
#include "daemon/store/effect_writer.h"
#include "daemon/store/history_chain.h"
#include "daemon/store/timer_inputs.h"
#include "daemon/store/timer_table.h"

namespace duly::daemon {

Result<FireReport> FireTimers(soci::session& session, DatabaseKind kind, Instant now, int limit,
                              const FactRequest& facts, bool with_colleagues,
                              const TimerDecision& decide) {
  FireReport report;
  if (limit < 1) return FieldInvalid("/limit", "must be at least 1");
  TimerTable timers(session, kind);
  const std::vector<Timer> due = timers.Due(now, limit, true);
  if (due.empty()) return report;

  const std::vector<TimerInput> inputs = ReadTimerInputs(session, kind, due, now, facts);
  TimerBatch batch;
  batch.now = now;
  if (with_colleagues) batch.colleagues = ColleagueTable(session, kind).ListActive();
  std::vector<TimerOutcome> outcomes;
  outcomes.reserve(inputs.size());
  std::vector<std::string> invoices;
  for (const TimerInput& input : inputs) {
    TimerOutcome outcome = decide(input, batch);
    if (outcome.timer_id != input.timer.id || outcome.invoice != input.timer.invoice) {
      return InternalError("the decision for timer " + std::to_string(input.timer.id) +
                           " of invoice " + input.timer.invoice + " names timer " +
                           std::to_string(outcome.timer_id) + " of invoice " + outcome.invoice);
    }
    if (outcome.instance && outcome.instance->invoice != outcome.invoice) {
      return InternalError("the decision for invoice " + outcome.invoice +
                           " writes the instance of invoice " + outcome.instance->invoice);
    }
    invoices.push_back(outcome.invoice);
    report.lateness_ms.push_back(ToEpochMillis(now) - ToEpochMillis(input.timer.due_at));
    outcomes.push_back(std::move(outcome));
  }
  report.fired = static_cast<std::int64_t>(outcomes.size());

  // Which outcomes execute: those whose runs are all new.
  const std::vector<std::string> stored = timers.RunKeys(invoices);
  std::set<std::string> taken(stored.begin(), stored.end());
  std::vector<bool> fresh(outcomes.size(), true);
  std::vector<InvoiceRun> runs;
  std::vector<Instance> instances;
  std::vector<InvoiceTimer> next;
  std::vector<std::int64_t> fired;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    const TimerOutcome& outcome = outcomes[i];
    fired.push_back(outcome.timer_id);
    if (outcome.instance) instances.push_back(*outcome.instance);
    if (outcome.next) next.push_back({outcome.invoice, *outcome.next});
    std::int64_t index = 0;
    for (const StepRun& run : outcome.runs) {
      if (!taken.insert(RunKey(outcome.invoice, run)).second) {
        fresh[i] = false;
        continue;
      }
      runs.push_back({outcome.invoice, run, index++});
    }
  }

  HistoryChain chain(session, kind, now, "engine");
  timers.Delete(fired);
  timers.UpsertInstances(instances, now);
  timers.Replace(next, now);
  timers.InsertRuns(runs, now);
  report.new_runs = static_cast<std::int64_t>(runs.size());
  EffectWriter effects(session, kind, chain, now);
  std::vector<const TimerOutcome*> executing;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    if (fresh[i]) executing.push_back(&outcomes[i]);
  }
  effects.Prepare(executing);
  for (const TimerOutcome* executed : executing) {
    const TimerOutcome& outcome = *executed;
    report.effects += effects.Write(outcome);
    for (const EngineEvent& event : outcome.events) {
      chain.Append(event.type, outcome.customer, outcome.invoice, event.payload);
    }
  }
  effects.Flush();
  chain.Close();
  report.events = chain.appended();
  return report;
}

}  // namespace duly::daemon
