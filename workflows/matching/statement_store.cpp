#include "workflows/matching/statement_store.h"

namespace duly {

const char* EntryStateName(EntryState state) {
  switch (state) {
    case EntryState::kPosted:
      return "posted";
    case EntryState::kQueued:
      return "queued";
    case EntryState::kAllocated:
      return "allocated";
    case EntryState::kDismissed:
      return "dismissed";
  }
  return "queued";
}

}  // namespace duly
