// duly::Workflow: how one customer segment is collected, as parsed from
// schemas/workflow.schema.json by workflow_parser.h.
//
// Promise: a Workflow built by ParseWorkflow() is valid: step ids are unique, no step runs before
// due-60d, every channel is known, and every condition names known facts with values of their
// type. `steps` are sorted by offset (TotalHours), steps at the same offset keep their order in
// the file, and each step remembers its position in the file (`file_index`, for "/steps/N"
// pointers). Actions are a closed set of plain structs in a std::variant. Plain data: copyable;
// a const Workflow is safe to read from many threads at once.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "workflows/condition.h"
#include "workflows/step_offset.h"

namespace duly {

// The channel word that means "the customer's preferred channels, in their order".
inline constexpr std::string_view kPreferredChannel = "preferred";

// The earliest a step may run: 60 days before the due date.
inline constexpr std::int64_t kEarliestStepDays = -60;

// Sends the customer a message. The engine uses the first channel of `channels` the customer can
// receive (has the contact, has not opted out, allowed at that hour); "preferred" stands for the
// customer's preferred channels.
struct MessageAction {
  std::vector<std::string>
      channels;  // one or more of preferred, email, sms, whatsapp, letter, voice
  std::string template_id;
};

// Puts a call on the collectors' work list.
struct CallTaskAction {
  std::string script;  // call script id
};

// Who a colleague notification goes to.
struct ColleagueTarget {
  enum class Kind {
    kAccountManager,  // the customer's account manager
    kColleague,       // the colleague with id `colleague_id`
    kSelector,        // every active colleague with `role` (if set) in `department` (if set)
  };
  Kind kind = Kind::kAccountManager;
  std::string colleague_id;
  std::string role;
  std::string department;
};

struct NotifyColleagueAction {
  ColleagueTarget to;
  std::string template_id;
};

// Opens a case of `category`; routing picks department and assignee.
struct OpenCaseAction {
  std::string category;
};

// Charges statutory collection costs or interest, where the rules allow it.
struct FeeAction {
  enum class Kind { kStatutoryCosts, kInterest };
  Kind kind = Kind::kStatutoryCosts;
};

// Puts the customer on credit hold.
struct CreditHoldAction {};

// Hands the invoice over to a collection agency.
struct HandoverAction {
  std::string agency;
};

// Pauses the instance until the customer makes a promise, a payment plan, or a case ends.
struct WaitForAction {
  enum class Target { kPromise, kPlan, kCase };
  Target target = Target::kPromise;
};

using Action = std::variant<MessageAction, CallTaskAction, NotifyColleagueAction, OpenCaseAction,
                            FeeAction, CreditHoldAction, HandoverAction, WaitForAction>;

// "message", "call_task", ... as in the JSON "type" field.
const char* ActionTypeName(const Action& action);
const char* FeeKindName(FeeAction::Kind kind);             // "statutory_costs", "interest"
const char* WaitTargetName(WaitForAction::Target target);  // "promise", "plan", "case"

struct Step {
  std::string id;
  std::string description;
  StepOffset at = StepOffset::Days(0);
  Condition when;  // {} when the step has none
  Action action;
  std::size_t file_index = 0;  // position in the file's "steps" array
};

struct Workflow {
  std::string id;
  std::string name;
  std::string segment;  // the segment id it serves
  std::string description;
  std::int64_t version = 0;  // 0 when the document has none; the store assigns versions
  std::vector<Step> steps;   // sorted by offset, stable

  // The step with `step_id`, or nullptr.
  const Step* FindStep(std::string_view step_id) const;
  // The step that follows `step_id` in run order; nullptr when it is the last or unknown.
  const Step* StepAfter(std::string_view step_id) const;
};

// Sorts `steps` by offset, keeping file order among equal offsets.
void SortByOffset(std::vector<Step>& steps);

}  // namespace duly
