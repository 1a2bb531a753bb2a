#include "workflows/engine/outbox_store.h"

#include <utility>

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

MessageSettlement MessageSettlement::Sent(std::int64_t id, std::string provider_id) {
  MessageSettlement sent;
  sent.id = id;
  sent.outcome = MessageOutcome::kSent;
  sent.provider_id = std::move(provider_id);
  return sent;
}

MessageSettlement MessageSettlement::Failed(std::int64_t id, bool permanent, Instant retry_at,
                                            std::string error) {
  MessageSettlement failed;
  failed.id = id;
  failed.outcome = MessageOutcome::kFailed;
  failed.permanent = permanent;
  failed.retry_at = retry_at;
  failed.error = std::move(error);
  return failed;
}

MessageSettlement MessageSettlement::Fallback(std::int64_t id, std::string channel,
                                              std::string error) {
  MessageSettlement fallback;
  fallback.id = id;
  fallback.outcome = MessageOutcome::kFallback;
  fallback.channel = std::move(channel);
  fallback.error = std::move(error);
  return fallback;
}

MessageSettlement MessageSettlement::Unknown(std::int64_t id, Instant attempted_at,
                                             Instant reconcile_at, std::string error) {
  MessageSettlement unknown;
  unknown.id = id;
  unknown.outcome = MessageOutcome::kUnknown;
  unknown.attempted_at = attempted_at;
  unknown.reconcile_at = reconcile_at;
  unknown.error = std::move(error);
  return unknown;
}

MessageSettlement MessageSettlement::Canceled(std::int64_t id, std::string reason) {
  MessageSettlement canceled;
  canceled.id = id;
  canceled.outcome = MessageOutcome::kCanceled;
  canceled.error = std::move(reason);
  return canceled;
}

Result<std::vector<Status>> OutboxStore::SettleMessages(
    const std::vector<MessageSettlement>& settlements, const std::string& owner) {
  std::vector<Status> recorded;
  recorded.reserve(settlements.size());
  for (const MessageSettlement& settlement : settlements) {
    switch (settlement.outcome) {
      case MessageOutcome::kSent:
        recorded.push_back(MarkMessageSent(settlement.id, owner, settlement.provider_id));
        break;
      case MessageOutcome::kFailed:
        recorded.push_back(MarkMessageFailed(settlement.id, owner, settlement.permanent,
                                             settlement.retry_at, settlement.error));
        break;
      case MessageOutcome::kFallback:
        recorded.push_back(
            MarkMessageFallback(settlement.id, owner, settlement.channel, settlement.error));
        break;
      case MessageOutcome::kUnknown:
        recorded.push_back(MarkMessageUnknown(settlement.id, owner, settlement.attempted_at,
                                              settlement.reconcile_at, settlement.error));
        break;
      case MessageOutcome::kCanceled:
        recorded.push_back(MarkMessageCanceled(settlement.id, owner, settlement.error));
        break;
    }
  }
  return recorded;
}

}  // namespace duly
