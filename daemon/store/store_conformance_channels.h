// duly::daemon channel conformance helpers: queue outbox rows and call tasks through the engine's
// effect writer (FireDueTimers with hand-written decisions), for the channel tests of the store
// conformance suite.
//
// Promise: Queuing(...) answers, for every fired invoice, one customer message on `channel` with
// `fallbacks`, due 2026-02-03T08:00 on local day 2026-02-03, and (when `call`) a call task for
// the same day. Thread-safety: test code.
#pragma once

#include <string>
#include <vector>

#include "daemon/store/store_conformance_engine.h"

namespace duly::daemon {

inline TimerDecision Queuing(const std::string& channel, std::vector<std::string> fallbacks,
                             bool call = false) {
  return [channel, fallbacks, call](const TimerInput& input, const TimerBatch&) {
    TimerOutcome outcome = Bare(input);
    const CalendarDate day = ParseCalendarDate("2026-02-03").value();
    const Instant due = At("2026-02-03T08:00");
    MessageEffect message{outcome.customer,
                          channel,
                          "reminder-" + outcome.invoice,
                          "nl",
                          outcome.invoice,
                          "r1",
                          day,
                          due,
                          fallbacks};
    outcome.messages = {message};
    if (call)
      outcome.call_tasks = {{outcome.customer, outcome.invoice, "courtesy", "c1", day, due}};
    return outcome;
  };
}

// The types of a customer's events, oldest first.
inline std::vector<std::string> EventTypes(SociStore& store, const std::string& customer) {
  std::vector<std::string> types;
  auto events = store.ListCustomerEvents(customer, {"", 1000});
  if (events) {
    for (const Event& event : events->items) types.push_back(event.type);
  }
  return types;
}

// The payload of a customer's latest event of `type` ("" when none).
inline std::string LastPayload(SociStore& store, const std::string& customer,
                               const std::string& type) {
  std::string payload;
  auto events = store.ListCustomerEvents(customer, {"", 1000});
  if (events) {
    for (const Event& event : events->items) {
      if (event.type == type) payload = event.payload;
    }
  }
  return payload;
}

}  // namespace duly::daemon
