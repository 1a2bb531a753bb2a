// duly::daemon::EffectWriter: writes the effects of timer outcomes (outbox messages, colleague
// notifications, call tasks, handovers) with the bundling timer_outcome.h promises, and records
// an event for every row it creates or extends.
//
// Promise: a MessageEffect joins the pending (never a leased) outbox row of the same customer,
// channel and local day (keeping that row's fallbacks), else a new row with its fallbacks; a
// ColleagueNotificationEffect likewise per colleague, channel, local (UTC) day and reason; a
// CallTaskEffect joins the call task of the customer and local day (kind call in table tasks;
// reopening it when it was done or cancelled, keeping a claim), else a new one; a HandoverEffect
// inserts a handover once per invoice. Events: "message.queued" / "message.extended" {outbox,
// recipient_kind, recipient, channel, template, invoices, due_at}, "call_task.created" /
// "call_task.extended" {call_task, customer, invoices, script, due_at}, "handover.created"
// {invoice, agency}. The whole batch costs a fixed number of statements: Prepare() reads the
// open bundles of every key (PostgreSQL: locked FOR UPDATE, so no dispatcher leases them
// meanwhile) and inserts the missing bundles (with every item of the batch) and the handovers;
// Write() only appends events; Flush() stores the items added to bundles that already existed. Runs
// inside the caller's transaction; throws soci_error. Thread-safety: one instance per transaction.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "daemon/store/database_url.h"
#include "daemon/store/history_chain.h"
#include "workflows/engine/timer_outcome.h"

namespace duly::daemon {

class EffectWriter {
 public:
  EffectWriter(soci::session& session, DatabaseKind kind, HistoryChain& chain, Instant now)
      : session_(session), kind_(kind), chain_(chain), now_(now) {}

  // Reads or creates every bundle the outcomes need; call once, before Write().
  void Prepare(const std::vector<const TimerOutcome*>& outcomes);
  // Adds one outcome given to Prepare() to its bundles and appends its events; returns how many
  // effect parts it wrote.
  std::int64_t Write(const TimerOutcome& outcome);
  // Stores the items Write() added to bundles that existed before the batch.
  void Flush();

 private:
  // An outbox row or call task open for more items.
  struct Bundle {
    std::int64_t id = 0;
    nlohmann::json items = nlohmann::json::array();
    std::int64_t due_at = 0;
    bool touched = false;
    bool stored = false;  // existed before this batch (new ones are inserted complete)
  };
  // One part of an outbox row (a message to a customer or a colleague).
  struct Part {
    std::string recipient_kind, recipient, customer, channel, language, template_id, reason,
        case_id, local_day;
    std::int64_t due_at = 0;
    nlohmann::json item;
    std::string invoice;
    nlohmann::json fallbacks;  // customer messages: the step's fallback channels
    std::string Key() const;
  };

  static std::vector<Part> PartsOf(const TimerOutcome& outcome);
  void PrepareOutbox(const std::vector<Part>& parts);
  void PrepareCallTasks(const std::vector<const CallTaskEffect*>& effects);
  void PrepareHandovers(const std::vector<const HandoverEffect*>& effects);

  soci::session& session_;
  DatabaseKind kind_;
  HistoryChain& chain_;
  Instant now_;
  std::map<std::string, Bundle> outbox_;                    // Part::Key() -> pending row
  std::map<std::string, Bundle> call_tasks_;                // customer|day -> call task
  std::set<std::string> handed_over_;                       // invoices whose handover row is new
  std::map<const TimerOutcome*, std::vector<Part>> parts_;  // of each prepared outcome
};

}  // namespace duly::daemon
