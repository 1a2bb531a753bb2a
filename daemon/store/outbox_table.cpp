#include "daemon/store/outbox_table.h"

#include <nlohmann/json.hpp>

#include "daemon/store/outbox_row.h"

namespace duly::daemon {
namespace {

using nlohmann::json;

// Delivered.
constexpr const char* kMarkSent =
    "UPDATE outbox_messages SET state = 'sent', lease_owner = '', lease_until = 0,"
    " leased_at = NULL, provider_id = :provider_id, sent_at = :sent_at, needs_reconcile = 0,"
    " attempted_at = NULL WHERE id = :id";
// Failed for good.
constexpr const char* kMarkFailed =
    "UPDATE outbox_messages SET state = 'failed', lease_owner = '', lease_until = 0,"
    " leased_at = NULL, attempt = attempt + 1, last_error = :error, needs_reconcile = 0,"
    " attempted_at = NULL WHERE id = :id";
// Failed for now: pending again at the retry time.
constexpr const char* kMarkRetry =
    "UPDATE outbox_messages SET state = 'pending', lease_owner = '', lease_until = 0,"
    " leased_at = NULL, attempt = attempt + 1, last_error = :error, due_at = :retry_at,"
    " needs_reconcile = 0, attempted_at = NULL WHERE id = :id";
// On to the next channel, due now.
constexpr const char* kMarkFallback =
    "UPDATE outbox_messages SET state = 'pending', lease_owner = '', lease_until = 0,"
    " leased_at = NULL, attempt = attempt + 1, last_error = :error, due_at = :due_at,"
    " channel = :channel, fallbacks = :fallbacks, needs_reconcile = 0, attempted_at = NULL"
    " WHERE id = :id";
// Outcome unknown: reconcile later, from the earliest unknown attempt on.
constexpr const char* kMarkUnknown =
    "UPDATE outbox_messages SET state = 'reconcile', lease_owner = '', lease_until = 0,"
    " leased_at = NULL, attempt = attempt + 1, last_error = :error, due_at = :reconcile_at,"
    " needs_reconcile = 1, attempted_at = COALESCE(attempted_at, :attempted_at) WHERE id = :id";
// Withdrawn.
constexpr const char* kMarkCanceled =
    "UPDATE outbox_messages SET state = 'canceled', lease_owner = '', lease_until = 0,"
    " leased_at = NULL, last_error = :reason WHERE id = :id";
// The row a provider id names (index outbox_provider).
constexpr const char* kSelectByProvider =
    "SELECT id, customer, channel, delivery FROM outbox_messages WHERE provider_id = :provider_id"
    " ORDER BY id LIMIT 1";
// A provider's status.
constexpr const char* kSetDelivery =
    "UPDATE outbox_messages SET delivery = :delivery, delivery_error = :error_code WHERE id = :id";
// The next leasable moment (index outbox_due).
constexpr const char* kNextDue =
    "SELECT MIN(due_at) FROM outbox_messages WHERE state IN ('pending', 'reconcile')";
constexpr const char* kNextLeaseEnd =
    "SELECT MIN(lease_until) FROM outbox_messages WHERE state = 'leased'";

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

// The order of non-final deliveries; final ones (failed, canceled) rank above all.
int Rank(MessageDelivery delivery) {
  switch (delivery) {
    case MessageDelivery::kAccepted:
      return 0;
    case MessageDelivery::kSent:
      return 1;
    case MessageDelivery::kDelivered:
      return 2;
    case MessageDelivery::kRead:
      return 3;
    case MessageDelivery::kFailed:
    case MessageDelivery::kCanceled:
      return 4;
  }
  return 4;
}

}  // namespace

Result<OutboxRecord> OutboxTable::Held(std::int64_t id, const std::string& owner) {
  long long wanted = id;
  OutboxRow row;
  soci::statement select(session_);
  row.Exchange(select);
  select.exchange(soci::use(wanted, "id"));
  select.alloc();
  select.prepare(std::string("SELECT ") + kOutboxColumns + " FROM outbox_messages WHERE id = :id" +
                 (kind_ == DatabaseKind::kPostgresql ? " FOR UPDATE" : ""));
  select.define_and_bind();
  if (!select.execute(true)) {
    return NotFound("outbox message " + std::to_string(id) + " does not exist");
  }
  if (row.state != "leased" || row.lease_owner != owner) {
    return Conflict("outbox message " + std::to_string(id) + " is not leased by " + owner +
                    " (it is " + row.state +
                    (row.lease_owner.empty() ? "" : " by " + row.lease_owner) + ")");
  }
  return row.Record();
}

Status OutboxTable::MarkSent(std::int64_t id, const std::string& owner,
                             const std::string& provider_id, HistoryChain& chain) {
  auto held = Held(id, owner);
  if (!held) return std::move(held).error();
  long long wanted = id;
  long long sent_at = ToEpochMillis(chain.at());
  session_ << kMarkSent, soci::use(provider_id, "provider_id"), soci::use(sent_at, "sent_at"),
      soci::use(wanted, "id");
  chain.Append(
      "message.sent", held->message.customer, "",
      Dump(json{{"outbox", id}, {"channel", held->message.channel}, {"provider_id", provider_id}}));
  return Status::Ok();
}

Status OutboxTable::MarkFailed(std::int64_t id, const std::string& owner, bool permanent,
                               Instant retry_at, const std::string& error, HistoryChain& chain) {
  auto held = Held(id, owner);
  if (!held) return std::move(held).error();
  long long wanted = id;
  long long retry_ms = ToEpochMillis(retry_at);
  json payload = {{"outbox", id},
                  {"channel", held->message.channel},
                  {"error", error},
                  {"permanent", permanent}};
  if (permanent) {
    session_ << kMarkFailed, soci::use(error, "error"), soci::use(wanted, "id");
  } else {
    session_ << kMarkRetry, soci::use(error, "error"), soci::use(retry_ms, "retry_at"),
        soci::use(wanted, "id");
    payload["retry_at"] = FormatInstantUtc(retry_at);
  }
  chain.Append("message.failed", held->message.customer, "", Dump(payload));
  return Status::Ok();
}

Status OutboxTable::MarkFallback(std::int64_t id, const std::string& owner,
                                 const std::string& channel, const std::string& error,
                                 HistoryChain& chain) {
  auto held = Held(id, owner);
  if (!held) return std::move(held).error();
  const std::vector<std::string>& fallbacks = held->message.fallbacks;
  if (fallbacks.empty() || fallbacks.front() != channel) {
    return FieldInvalid("/channel", "outbox message " + std::to_string(id) + " can fall back to " +
                                        (fallbacks.empty() ? "no channel" : fallbacks.front()) +
                                        ", not \"" + channel + "\"");
  }
  const std::string rest =
      Dump(json(std::vector<std::string>(fallbacks.begin() + 1, fallbacks.end())));
  long long wanted = id;
  long long due_at = ToEpochMillis(chain.at());
  session_ << kMarkFallback, soci::use(error, "error"), soci::use(due_at, "due_at"),
      soci::use(channel, "channel"), soci::use(rest, "fallbacks"), soci::use(wanted, "id");
  chain.Append(
      "message.fallback", held->message.customer, "",
      Dump(json{
          {"outbox", id}, {"from", held->message.channel}, {"to", channel}, {"error", error}}));
  return Status::Ok();
}

Status OutboxTable::MarkUnknown(std::int64_t id, const std::string& owner, Instant attempted_at,
                                Instant reconcile_at, const std::string& error,
                                HistoryChain& chain) {
  auto held = Held(id, owner);
  if (!held) return std::move(held).error();
  long long wanted = id;
  long long attempted_ms = ToEpochMillis(attempted_at);
  long long reconcile_ms = ToEpochMillis(reconcile_at);
  session_ << kMarkUnknown, soci::use(error, "error"), soci::use(reconcile_ms, "reconcile_at"),
      soci::use(attempted_ms, "attempted_at"), soci::use(wanted, "id");
  chain.Append("message.outcome_unknown", held->message.customer, "",
               Dump(json{{"outbox", id},
                         {"channel", held->message.channel},
                         {"error", error},
                         {"attempted_at", FormatInstantUtc(attempted_at)},
                         {"reconcile_at", FormatInstantUtc(reconcile_at)}}));
  return Status::Ok();
}

Status OutboxTable::MarkCanceled(std::int64_t id, const std::string& owner,
                                 const std::string& reason, HistoryChain& chain) {
  auto held = Held(id, owner);
  if (!held) return std::move(held).error();
  long long wanted = id;
  session_ << kMarkCanceled, soci::use(reason, "reason"), soci::use(wanted, "id");
  chain.Append("message.canceled", held->message.customer, "",
               Dump(json{{"outbox", id}, {"channel", held->message.channel}, {"reason", reason}}));
  return Status::Ok();
}

Status OutboxTable::RecordDelivery(const std::string& provider_id, MessageDelivery delivery,
                                   const std::string& error_code, HistoryChain& chain) {
  long long id = 0;
  std::string customer;
  std::string channel;
  std::string current;
  soci::indicator current_null = soci::i_null;
  session_ << std::string(kSelectByProvider) +
                  (kind_ == DatabaseKind::kPostgresql ? " FOR UPDATE" : ""),
      soci::into(id), soci::into(customer), soci::into(channel), soci::into(current, current_null),
      soci::use(provider_id, "provider_id");
  if (provider_id.empty() || !session_.got_data()) {
    return NotFound("no outbox message was sent as \"" + provider_id + "\"");
  }
  if (current_null == soci::i_ok) {
    const std::optional<MessageDelivery> was = ParseMessageDelivery(current);
    if (was && (Rank(*was) >= Rank(delivery))) return Status::Ok();  // repeat or step back
  }
  const std::string name = MessageDeliveryName(delivery);
  session_ << kSetDelivery, soci::use(name, "delivery"), soci::use(error_code, "error_code"),
      soci::use(id, "id");
  json payload = {
      {"outbox", id}, {"channel", channel}, {"provider_id", provider_id}, {"delivery", name}};
  if (!error_code.empty()) payload["error_code"] = error_code;
  chain.Append("message.delivery", customer, "", Dump(payload));
  return Status::Ok();
}

std::optional<Instant> OutboxTable::NextDue() {
  std::optional<Instant> next;
  for (const char* sql : {kNextDue, kNextLeaseEnd}) {
    long long at = 0;
    soci::indicator null = soci::i_null;
    session_ << sql, soci::into(at, null);
    if (null == soci::i_ok && (!next || FromEpochMillis(at) < *next)) next = FromEpochMillis(at);
  }
  return next;
}

std::vector<OutboxRecord> OutboxTable::ListForCustomer(const std::string& customer, int limit) {
  long long fetch = limit;
  OutboxRow row;
  soci::statement select(session_);
  row.Exchange(select);
  select.exchange(soci::use(customer, "customer"));
  select.exchange(soci::use(fetch, "limit"));
  select.alloc();
  select.prepare(std::string("SELECT ") + kOutboxColumns +
                 " FROM outbox_messages WHERE customer = :customer AND recipient_kind = 'customer'"
                 " ORDER BY id DESC LIMIT :limit");
  select.define_and_bind();
  select.execute();
  std::vector<OutboxRecord> records;
  while (select.fetch()) records.push_back(row.Record());
  return records;
}

}  // namespace duly::daemon
