// duly::EngineOptions: the policy knobs of the collection engine (from the daemon config or a
// scenario).
//
// Promise: plain data with the defaults a Dutch or Belgian business expects. Thread-compatible.
#pragma once

#include <chrono>
#include <string>

#include "workflows/quiet_hours.h"

namespace duly {

struct EngineOptions {
  std::string default_time_zone = "Europe/Amsterdam";  // for customers without one
  std::string default_country = "NL";      // calendar for customers without an address country
  std::chrono::minutes send_time{9 * 60};  // local time a day-offset step is due ("due+3d" 09:00)
  QuietHours quiet_hours = QuietHours::Default();
  int promise_grace_days = 3;            // a promise pauses until the promised date plus this
  std::chrono::hours recheck{24};        // how often a paused or unserved instance looks again
  int batch_size = 1000;                 // timers per FireDueTimers transaction
  std::chrono::seconds retry_after{60};  // first back-off after a failed timer (doubles, max 1 h)
};

}  // namespace duly
