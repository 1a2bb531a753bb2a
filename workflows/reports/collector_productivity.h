// duly::CollectorTally: what one collector did in a period: tasks completed (done), their
// outcomes, promises obtained (completions with outcome "promise") and the money collected after
// their calls (payments the called customer made within the follow-up window after a completed
// call). Pure value; thread-compatible.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "workflows/money.h"

namespace duly {

struct CollectorTally {
  std::string collector;                         // colleague id
  std::int64_t tasks_completed = 0;              // tasks done in the period
  std::map<std::string, std::int64_t> outcomes;  // outcome ("reached", "promise", ...) -> count
  std::int64_t promises_obtained = 0;            // outcomes["promise"]
  Money collected_after_calls;                   // see the header comment
  friend bool operator==(const CollectorTally&, const CollectorTally&) = default;
};

}  // namespace duly
