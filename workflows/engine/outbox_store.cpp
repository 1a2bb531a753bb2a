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

const char* MessageDeliveryName(MessageDelivery delivery) {
  switch (delivery) {
    case MessageDelivery::kAccepted:
      return "accepted";
    case MessageDelivery::kSent:
      return "sent";
    case MessageDelivery::kDelivered:
      return "delivered";
    case MessageDelivery::kRead:
      return "read";
    case MessageDelivery::kFailed:
      return "failed";
    case MessageDelivery::kCanceled:
      return "canceled";
  }
  return "failed";
}

}  // namespace duly
