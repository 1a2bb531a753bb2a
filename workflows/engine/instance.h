// duly::Instance: the collection of one open invoice, as the engine keeps it between steps.
//
// Promise: plain data. One instance per invoice (the invoice id is its key). State machine
// (docs/engine.md has the diagram):
//   (start timer) --> active --(hold: dispute, promise, plan)--> paused --(hold ends)--> active
//   active|paused --(paid, credited, written off, handed over, no steps left)--> ended
// `next_step` names the step of `workflow` that the pending timer will run; it is matched by id
// when a newer version of the workflow is saved, so an instance moves to the new version at its
// next step. Thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace duly {

enum class InstanceState { kActive, kPaused, kEnded };
const char* InstanceStateName(InstanceState state);  // "active", "paused", "ended"
std::optional<InstanceState> ParseInstanceState(std::string_view text);

struct Instance {
  std::string invoice;       // the invoice it collects (key)
  std::string customer;      // the invoice's customer
  std::string segment;       // the customer's segment when the last step was decided
  std::string workflow;      // id of the workflow serving that segment
  std::int64_t version = 0;  // the workflow version the instance follows (>= 1)
  InstanceState state = InstanceState::kActive;
  std::string next_step;  // id of the step the pending timer runs; empty when none is left
  std::string reason;     // kPaused: "disputed", "promised", "in_plan"; kEnded: "paid",
                          // "credited", "written_off", "handed_over", "completed", "deleted"
  friend bool operator==(const Instance&, const Instance&) = default;
};

}  // namespace duly
