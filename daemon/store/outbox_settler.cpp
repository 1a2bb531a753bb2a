#include "daemon/store/outbox_settler.h"

#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace duly::daemon {
namespace {

using nlohmann::json;

// What Settle checks and names in the event.
constexpr const char* kHold =
    "SELECT state, lease_owner, customer, channel, fallbacks FROM outbox_messages WHERE id = :id";

// By OutboxSettler::Update. Every one ends the lease.
constexpr const char* kUpdateSql[] = {
    // kSent: delivered.
    "UPDATE outbox_messages SET state = 'sent', lease_owner = '', lease_until = 0,"
    " leased_at = NULL, provider_id = :text, sent_at = :at, needs_reconcile = 0,"
    " attempted_at = NULL WHERE id = :id",
    // kFailed: failed for good.
    "UPDATE outbox_messages SET state = 'failed', lease_owner = '', lease_until = 0,"
    " leased_at = NULL, attempt = attempt + 1, last_error = :text, needs_reconcile = 0,"
    " attempted_at = NULL WHERE id = :id",
    // kRetry: failed for now, pending again at the retry time.
    "UPDATE outbox_messages SET state = 'pending', lease_owner = '', lease_until = 0,"
    " leased_at = NULL, attempt = attempt + 1, last_error = :text, due_at = :at,"
    " needs_reconcile = 0, attempted_at = NULL WHERE id = :id",
    // kFallback: on to the next channel, due now.
    "UPDATE outbox_messages SET state = 'pending', lease_owner = '', lease_until = 0,"
    " leased_at = NULL, attempt = attempt + 1, last_error = :text, due_at = :at,"
    " channel = :channel, fallbacks = :fallbacks, needs_reconcile = 0, attempted_at = NULL"
    " WHERE id = :id",
    // kUnknown: reconcile later, from the earliest unknown attempt on.
    "UPDATE outbox_messages SET state = 'reconcile', lease_owner = '', lease_until = 0,"
    " leased_at = NULL, attempt = attempt + 1, last_error = :text, due_at = :at,"
    " needs_reconcile = 1, attempted_at = COALESCE(attempted_at, :attempted) WHERE id = :id",
    // kCanceled: withdrawn.
    "UPDATE outbox_messages SET state = 'canceled', lease_owner = '', lease_until = 0,"
    " leased_at = NULL, last_error = :text WHERE id = :id",
};

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

OutboxSettler::OutboxSettler(soci::session& session, DatabaseKind kind, std::string owner,
                             HistoryChain& chain)
    : session_(session), kind_(kind), owner_(std::move(owner)), chain_(chain) {}

OutboxSettler::~OutboxSettler() = default;

Status OutboxSettler::Hold(std::int64_t id) {
  id_ = id;
  if (!hold_) {
    hold_ = std::make_unique<soci::statement>(session_);
    hold_->exchange(soci::into(held_state_));
    hold_->exchange(soci::into(held_owner_));
    hold_->exchange(soci::into(held_customer_));
    hold_->exchange(soci::into(held_channel_));
    hold_->exchange(soci::into(held_fallbacks_));
    hold_->exchange(soci::use(id_, "id"));
    hold_->alloc();
    hold_->prepare(std::string(kHold) + (kind_ == DatabaseKind::kPostgresql ? " FOR UPDATE" : ""));
    hold_->define_and_bind();
  }
  if (!hold_->execute(true)) {
    return NotFound("outbox message " + std::to_string(id) + " does not exist");
  }
  if (held_state_ != "leased" || held_owner_ != owner_) {
    return Conflict("outbox message " + std::to_string(id) + " is not leased by " + owner_ +
                    " (it is " + held_state_ + (held_owner_.empty() ? "" : " by " + held_owner_) +
                    ")");
  }
  return Status::Ok();
}

void OutboxSettler::Run(Update update) {
  std::unique_ptr<soci::statement>& statement = updates_[update];
  if (!statement) {
    statement = std::make_unique<soci::statement>(session_);
    statement->exchange(soci::use(text_, "text"));
    if (update != kFailed && update != kCanceled) statement->exchange(soci::use(at_, "at"));
    if (update == kFallback) {
      statement->exchange(soci::use(channel_, "channel"));
      statement->exchange(soci::use(fallbacks_, "fallbacks"));
    }
    if (update == kUnknown) statement->exchange(soci::use(attempted_, "attempted"));
    statement->exchange(soci::use(id_, "id"));
    statement->alloc();
    statement->prepare(kUpdateSql[update]);
    statement->define_and_bind();
  }
  statement->execute(true);
}

void OutboxSettler::Append(const char* type, std::string payload) {
  chain_.Append(type, held_customer_, "", std::move(payload));
}

Status OutboxSettler::Settle(const MessageSettlement& settlement) {
  if (Status held = Hold(settlement.id); !held) return held;
  const std::int64_t id = settlement.id;
  text_ = settlement.outcome == MessageOutcome::kSent ? settlement.provider_id : settlement.error;
  switch (settlement.outcome) {
    case MessageOutcome::kSent:
      at_ = ToEpochMillis(chain_.at());
      Run(kSent);
      Append("message.sent", Dump(json{{"outbox", id},
                                       {"channel", held_channel_},
                                       {"provider_id", settlement.provider_id}}));
      return Status::Ok();
    case MessageOutcome::kFailed: {
      json payload = {{"outbox", id},
                      {"channel", held_channel_},
                      {"error", settlement.error},
                      {"permanent", settlement.permanent}};
      if (settlement.permanent) {
        Run(kFailed);
      } else {
        at_ = ToEpochMillis(settlement.retry_at);
        Run(kRetry);
        payload["retry_at"] = FormatInstantUtc(settlement.retry_at);
      }
      Append("message.failed", Dump(payload));
      return Status::Ok();
    }
    case MessageOutcome::kFallback: {
      std::vector<std::string> fallbacks;
      for (const json& name : json::parse(held_fallbacks_)) {
        fallbacks.push_back(name.get<std::string>());
      }
      if (fallbacks.empty() || fallbacks.front() != settlement.channel) {
        return FieldInvalid("/channel", "outbox message " + std::to_string(id) +
                                            " can fall back to " +
                                            (fallbacks.empty() ? "no channel" : fallbacks.front()) +
                                            ", not \"" + settlement.channel + "\"");
      }
      fallbacks_ = Dump(json(std::vector<std::string>(fallbacks.begin() + 1, fallbacks.end())));
      channel_ = settlement.channel;
      at_ = ToEpochMillis(chain_.at());
      Run(kFallback);
      Append("message.fallback", Dump(json{{"outbox", id},
                                           {"from", held_channel_},
                                           {"to", settlement.channel},
                                           {"error", settlement.error}}));
      return Status::Ok();
    }
    case MessageOutcome::kUnknown:
      at_ = ToEpochMillis(settlement.reconcile_at);
      attempted_ = ToEpochMillis(settlement.attempted_at);
      Run(kUnknown);
      Append("message.outcome_unknown",
             Dump(json{{"outbox", id},
                       {"channel", held_channel_},
                       {"error", settlement.error},
                       {"attempted_at", FormatInstantUtc(settlement.attempted_at)},
                       {"reconcile_at", FormatInstantUtc(settlement.reconcile_at)}}));
      return Status::Ok();
    case MessageOutcome::kCanceled:
      Run(kCanceled);
      Append("message.canceled",
             Dump(json{{"outbox", id}, {"channel", held_channel_}, {"reason", settlement.error}}));
      return Status::Ok();
  }
  return InvalidArgument("outbox message " + std::to_string(id) + ": unknown outcome");
}

}  // namespace duly::daemon
