// duly::daemon::Timeline: the lines `duly simulate` prints (schemas/timeline.schema.json), one
// moment at a time.
//
// Promise: the Add* methods turn what happened (a delivered outbox message, an opt-out, a posted
// payment, the engine's history events) into timeline objects with "at" (ISO 8601 with the
// offset of `time_zone` at that instant) and "type"; Flush() hands the lines gathered since the
// last Flush to `emit`, sorted stably by instant, and forgets them. Engine events map as:
// "step.skipped" -> step_skipped {invoice, step, reason}; "step.ran" of a call_task step -> one
// call_task line per customer and instant listing every invoice (the store bundles call tasks
// per customer and day); "step.ran" of a handover step -> handover {customer, invoice, agency};
// other events produce no line. A message to a colleague is a colleague_notified line.
// ReadableTimelineLine orders a line's keys for people: "at", "type", then the rest.
// Thread-compatible: one Timeline per simulation.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "workflows/calendar_date.h"
#include "workflows/engine/outbox_store.h"
#include "workflows/event.h"
#include "workflows/payment.h"
#include "workflows/workflow.h"

namespace duly::daemon {

// `line` (a timeline object) for printing: "at" and "type" first, then its other keys in
// `line`'s order. Pure function.
nlohmann::ordered_json ReadableTimelineLine(const nlohmann::json& line);

class Timeline {
 public:
  // `workflows` are the scenario's (to name call scripts and agencies); `customer_of_invoice`
  // maps each invoice id to its customer id. REQUIRES: IsKnownTimeZone(time_zone).
  Timeline(std::string time_zone, std::vector<Workflow> workflows,
           std::map<std::string, std::string, std::less<>> customer_of_invoice);

  void AddMessage(const OutboxMessage& message, Instant at);
  void AddOptOut(const std::string& customer, const std::string& channel, Instant at);
  // `payment` as stored (its allocations are what was applied).
  void AddPayment(const Payment& payment, Instant at);
  void AddEngineEvents(const std::vector<Event>& events);

  void Flush(const std::function<void(const nlohmann::json& line)>& emit);

 private:
  struct Line {
    Instant at{};
    nlohmann::json body;
  };
  void Add(Instant at, nlohmann::json body);
  const Step* FindStep(const std::string& workflow, const std::string& step) const;
  std::string CustomerOf(const Event& event) const;

  std::string time_zone_;
  std::vector<Workflow> workflows_;
  std::map<std::string, std::string, std::less<>> customer_of_invoice_;
  std::vector<Line> pending_;
};

}  // namespace duly::daemon
