#include "channels/channel.h"

namespace duly::channels {

const char* DeliveryStateName(DeliveryState state) {
  switch (state) {
    case DeliveryState::kAccepted:
      return "accepted";
    case DeliveryState::kSent:
      return "sent";
    case DeliveryState::kDelivered:
      return "delivered";
    case DeliveryState::kRead:
      return "read";
    case DeliveryState::kFailed:
      return "failed";
    case DeliveryState::kCanceled:
      return "canceled";
  }
  return "failed";
}

bool IsFinal(DeliveryState state) {
  return state == DeliveryState::kDelivered || state == DeliveryState::kRead ||
         state == DeliveryState::kFailed || state == DeliveryState::kCanceled;
}

const char* FailureKindName(FailureKind kind) {
  switch (kind) {
    case FailureKind::kTransient:
      return "transient";
    case FailureKind::kPermanent:
      return "permanent";
    case FailureKind::kUnknownOutcome:
      return "unknown_outcome";
  }
  return "transient";
}

void Channel::StartSend(const OutboundMessage& message, SendDone done) { done(Send(message)); }

Channel::ReconcileOutcome Channel::Reconcile(const OutboundMessage& /*message*/,
                                             Instant /*attempted_at*/) {
  return SendFailure{FailureKind::kUnknownOutcome,
                     std::string(name()) + " cannot look up sent messages", "", std::nullopt};
}

}  // namespace duly::channels
