#include "workflows/task_store.h"

namespace duly {

const char* TaskKindName(TaskKind kind) {
  switch (kind) {
    case TaskKind::kCall:
      return "call";
    case TaskKind::kFailedMessage:
      return "failed_message";
    case TaskKind::kUnknownOutcome:
      return "unknown_outcome";
    case TaskKind::kReply:
      return "reply";
  }
  return "call";
}

const char* TaskStateName(TaskState state) {
  switch (state) {
    case TaskState::kOpen:
      return "open";
    case TaskState::kClaimed:
      return "claimed";
    case TaskState::kDone:
      return "done";
    case TaskState::kCancelled:
      return "cancelled";
  }
  return "open";
}

const char* CallOutcomeName(CallOutcome outcome) {
  switch (outcome) {
    case CallOutcome::kReached:
      return "reached";
    case CallOutcome::kPromise:
      return "promise";
    case CallOutcome::kDispute:
      return "dispute";
    case CallOutcome::kNoAnswer:
      return "no_answer";
    case CallOutcome::kWrongNumber:
      return "wrong_number";
  }
  return "reached";
}

std::optional<CallOutcome> ParseCallOutcome(std::string_view text) {
  for (auto outcome : {CallOutcome::kReached, CallOutcome::kPromise, CallOutcome::kDispute,
                       CallOutcome::kNoAnswer, CallOutcome::kWrongNumber}) {
    if (text == CallOutcomeName(outcome)) return outcome;
  }
  return std::nullopt;
}

}  // namespace duly
