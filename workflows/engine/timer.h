// duly::Timer: a durable timer row of the engine: "look at this invoice at that moment".
//
// Promise: plain data. The store keeps at most one engine timer per invoice (unique), indexed by
// due time. kStart is written in the same transaction that creates an open invoice: it assigns
// the segment and workflow and creates the instance. kStep runs `step` of the instance's
// workflow. kRecheck wakes a paused instance (or one without a workflow) to look again.
// Thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "workflows/calendar_date.h"

namespace duly {

enum class TimerKind { kStart, kStep, kRecheck };
const char* TimerKindName(TimerKind kind);  // "start", "step", "recheck"
std::optional<TimerKind> ParseTimerKind(std::string_view text);

struct Timer {
  std::int64_t id = 0;
  TimerKind kind = TimerKind::kStart;
  std::string invoice;
  std::string step;  // kStep: the step id to run; empty otherwise
  Instant due_at{};
  std::int64_t attempt = 0;  // failed attempts so far
  friend bool operator==(const Timer&, const Timer&) = default;
};

// What the engine wants as the invoice's next timer (the store assigns the id).
struct NextTimer {
  TimerKind kind = TimerKind::kStep;
  std::string step;
  Instant due_at{};
  friend bool operator==(const NextTimer&, const NextTimer&) = default;
};

}  // namespace duly
