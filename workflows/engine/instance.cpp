#include "workflows/engine/instance.h"

namespace duly {

const char* InstanceStateName(InstanceState state) {
  switch (state) {
    case InstanceState::kActive:
      return "active";
    case InstanceState::kPaused:
      return "paused";
    case InstanceState::kEnded:
      return "ended";
  }
  return "active";
}

std::optional<InstanceState> ParseInstanceState(std::string_view text) {
  if (text == "active") return InstanceState::kActive;
  if (text == "paused") return InstanceState::kPaused;
  if (text == "ended") return InstanceState::kEnded;
  return std::nullopt;
}

}  // namespace duly
