#include "workflows/engine/outbox_store.h"

namespace duly {

const char* RecipientKindName(RecipientKind kind) {
  switch (kind) {
    case RecipientKind::kCustomer:
      return "customer";
    case RecipientKind::kColleague:
      return "colleague";
  }
  return "customer";
}

}  // namespace duly
