// duly::daemon engine conformance helpers: hand-written decisions for the TimerStore tests of the
// store conformance suite (tests of the store, not of the engine).
//
// Promise: Bare() is the outcome that changes nothing but deletes the fired timer; the other
// helpers build rows for tests. Thread-safety: test code.
#pragma once

#include <map>
#include <string>

#include "daemon/store/store_conformance.h"

namespace duly::daemon {

inline TimerOutcome Bare(const TimerInput& input) {
  TimerOutcome outcome;
  outcome.timer_id = input.timer.id;
  outcome.invoice = input.timer.invoice;
  outcome.customer = input.invoice ? input.invoice->customer : "";
  return outcome;
}

// A decision that keeps every input it saw, by invoice, and answers Bare().
struct Recorder {
  std::map<std::string, TimerInput> seen;
  TimerDecision Decide() {
    return [this](const TimerInput& input, const TimerBatch&) {
      seen[input.timer.invoice] = input;
      return Bare(input);
    };
  }
};

inline Instant At(const std::string& utc) {
  // "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM" (UTC)
  const CalendarDate day = ParseCalendarDate(utc.substr(0, 10)).value();
  Instant at = std::chrono::time_point_cast<std::chrono::milliseconds>(day);
  if (utc.size() >= 16) {
    at += std::chrono::hours(std::stoi(utc.substr(11, 2))) +
          std::chrono::minutes(std::stoi(utc.substr(14, 2)));
  }
  return at;
}

inline Instance ActiveInstance(const std::string& invoice, const std::string& customer,
                               const std::string& next_step) {
  return Instance{invoice, customer, "b2b", "standard", 1, InstanceState::kActive, next_step, ""};
}

}  // namespace duly::daemon
