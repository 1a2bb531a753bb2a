// SociChannelStore's OutboxStore methods (soci_channel_store.h).
#include "daemon/store/outbox_lease.h"
#include "daemon/store/outbox_settler.h"
#include "daemon/store/outbox_table.h"
#include "daemon/store/soci_channel_store.h"

namespace duly::daemon {
namespace {

// The actor of the engine's own writes.
const Actor kEngine{"engine"};

Status CheckOwner(const std::string& owner) {
  if (owner.empty()) return FieldInvalid("/owner", "must name who leases");
  return Status::Ok();
}

}  // namespace

Result<std::vector<OutboxMessage>> SociChannelStore::LeaseDueMessages(
    Instant now, int limit, const std::string& owner, std::chrono::milliseconds lease) {
  if (limit < 1) return FieldInvalid("/limit", "must be at least 1");
  if (Status status = CheckOwner(owner); !status) return std::move(status).error();
  return Write<std::vector<OutboxMessage>>(
      "leasing due messages", kEngine, [&](soci::session& s, HistoryChain& chain) {
        return Result<std::vector<OutboxMessage>>(
            OutboxLease(s, kind()).Take(now, limit, owner, now + lease, chain));
      });
}

Result<std::optional<Instant>> SociChannelStore::NextMessageDue() {
  return Read<std::optional<Instant>>("reading the next due message", [&](soci::session& s) {
    return Result<std::optional<Instant>>(OutboxTable(s, kind()).NextDue());
  });
}

Status SociChannelStore::SettleMessage(const MessageSettlement& settlement,
                                       const std::string& owner, const std::string& context) {
  return Done(
      Write<bool>(context, kEngine, [&](soci::session& s, HistoryChain& chain) -> Result<bool> {
        Status status = OutboxSettler(s, kind(), owner, chain).Settle(settlement);
        if (!status) return std::move(status).error();
        return true;
      }));
}

Status SociChannelStore::MarkMessageSent(std::int64_t id, const std::string& owner,
                                         const std::string& provider_id) {
  return SettleMessage(MessageSettlement::Sent(id, provider_id), owner,
                       "marking message " + std::to_string(id) + " sent");
}

Status SociChannelStore::MarkMessageFailed(std::int64_t id, const std::string& owner,
                                           bool permanent, Instant retry_at,
                                           const std::string& error) {
  return SettleMessage(MessageSettlement::Failed(id, permanent, retry_at, error), owner,
                       "marking message " + std::to_string(id) + " failed");
}

Status SociChannelStore::MarkMessageFallback(std::int64_t id, const std::string& owner,
                                             const std::string& channel, const std::string& error) {
  return SettleMessage(MessageSettlement::Fallback(id, channel, error), owner,
                       "moving message " + std::to_string(id) + " to " + channel);
}

Status SociChannelStore::MarkMessageUnknown(std::int64_t id, const std::string& owner,
                                            Instant attempted_at, Instant reconcile_at,
                                            const std::string& error) {
  return SettleMessage(MessageSettlement::Unknown(id, attempted_at, reconcile_at, error), owner,
                       "marking message " + std::to_string(id) + " unknown");
}

Status SociChannelStore::MarkMessageCanceled(std::int64_t id, const std::string& owner,
                                             const std::string& reason) {
  return SettleMessage(MessageSettlement::Canceled(id, reason), owner,
                       "canceling message " + std::to_string(id));
}

Result<std::vector<Status>> SociChannelStore::SettleMessages(
    const std::vector<MessageSettlement>& settlements, const std::string& owner) {
  if (Status status = CheckOwner(owner); !status) return std::move(status).error();
  if (settlements.empty()) return std::vector<Status>();
  return Write<std::vector<Status>>("settling " + std::to_string(settlements.size()) + " messages",
                                    kEngine, [&](soci::session& s, HistoryChain& chain) {
                                      OutboxSettler settler(s, kind(), owner, chain);
                                      std::vector<Status> recorded;
                                      recorded.reserve(settlements.size());
                                      for (const MessageSettlement& settlement : settlements) {
                                        recorded.push_back(settler.Settle(settlement));
                                      }
                                      return Result<std::vector<Status>>(std::move(recorded));
                                    });
}

Status SociChannelStore::RecordDeliveryStatus(const std::string& provider_id,
                                              MessageDelivery delivery,
                                              const std::string& error_code) {
  return Done(Write<bool>("recording the delivery of " + provider_id, kEngine,
                          [&](soci::session& s, HistoryChain& chain) -> Result<bool> {
                            Status status = OutboxTable(s, kind()).RecordDelivery(
                                provider_id, delivery, error_code, chain);
                            if (!status) return std::move(status).error();
                            return true;
                          }));
}

Result<std::vector<OutboxRecord>> SociChannelStore::ListCustomerMessages(
    const std::string& customer, int limit) {
  if (limit < 1 || limit > 1000) return FieldInvalid("/limit", "must be from 1 to 1000");
  return Read<std::vector<OutboxRecord>>(
      "listing messages of customer " + customer, [&](soci::session& s) {
        return Result<std::vector<OutboxRecord>>(
            OutboxTable(s, kind()).ListForCustomer(customer, limit));
      });
}

}  // namespace duly::daemon
