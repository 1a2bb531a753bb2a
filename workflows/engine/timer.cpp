#include "workflows/engine/timer.h"

namespace duly {

const char* TimerKindName(TimerKind kind) {
  switch (kind) {
    case TimerKind::kStart:
      return "start";
    case TimerKind::kStep:
      return "step";
    case TimerKind::kRecheck:
      return "recheck";
  }
  return "start";
}

std::optional<TimerKind> ParseTimerKind(std::string_view text) {
  if (text == "start") return TimerKind::kStart;
  if (text == "step") return TimerKind::kStep;
  if (text == "recheck") return TimerKind::kRecheck;
  return std::nullopt;
}

}  // namespace duly
