#include "daemon/store/outbox_table.h"

#include <nlohmann/json.hpp>

namespace duly::daemon {
namespace {

using nlohmann::json;

// Rows ready to send: pending and due, or leased with an expired lease (index outbox_due).
constexpr const char* kSelectLeasable =
    "SELECT id FROM outbox_messages WHERE (state = 'pending' AND due_at <= :now1)"
    " OR (state = 'leased' AND lease_until <= :now2) ORDER BY due_at, id LIMIT :limit";
// PostgreSQL: rows another dispatcher is leasing are skipped.
constexpr const char* kSkipLocked = " FOR UPDATE SKIP LOCKED";
// Lease one row.
constexpr const char* kLease =
    "UPDATE outbox_messages SET state = 'leased', lease_owner = :owner, lease_until = :until"
    " WHERE id = :id";
// One row as delivered.
constexpr const char* kSelectMessage =
    "SELECT id, recipient_kind, recipient, customer, channel, template, language, reason,"
    " case_id, items, local_day, due_at, attempt FROM outbox_messages WHERE id = :id";
// Who holds a row.
constexpr const char* kSelectHolder =
    "SELECT state, lease_owner, customer, channel FROM outbox_messages WHERE id = :id";
// Delivered.
constexpr const char* kMarkSent =
    "UPDATE outbox_messages SET state = 'sent', lease_owner = '', lease_until = 0,"
    " provider_id = :provider_id, sent_at = :sent_at WHERE id = :id";
// Failed for good.
constexpr const char* kMarkFailed =
    "UPDATE outbox_messages SET state = 'failed', lease_owner = '', lease_until = 0,"
    " attempt = attempt + 1, last_error = :error WHERE id = :id";
// Failed for now: pending again at the retry time.
constexpr const char* kMarkRetry =
    "UPDATE outbox_messages SET state = 'pending', lease_owner = '', lease_until = 0,"
    " attempt = attempt + 1, last_error = :error, due_at = :retry_at WHERE id = :id";

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

std::vector<OutboxMessage> OutboxTable::Lease(Instant now, int limit, const std::string& owner,
                                              Instant until) {
  long long now_ms = ToEpochMillis(now);
  long long fetch = limit;
  long long id = 0;
  std::vector<long long> ids;
  std::string sql = kSelectLeasable;
  if (kind_ == DatabaseKind::kPostgresql) sql += kSkipLocked;
  {
    soci::statement select = (session_.prepare << sql, soci::into(id), soci::use(now_ms, "now1"),
                              soci::use(now_ms, "now2"), soci::use(fetch, "limit"));
    select.execute();
    while (select.fetch()) ids.push_back(id);
  }
  long long until_ms = ToEpochMillis(until);
  soci::statement lease = (session_.prepare << kLease, soci::use(owner, "owner"),
                           soci::use(until_ms, "until"), soci::use(id, "id"));
  OutboxMessage message;
  std::string recipient_kind, items, day;
  long long due_at = 0;
  long long attempt = 0;
  soci::statement read =
      (session_.prepare << kSelectMessage, soci::into(id), soci::into(recipient_kind),
       soci::into(message.recipient), soci::into(message.customer), soci::into(message.channel),
       soci::into(message.template_id), soci::into(message.language), soci::into(message.reason),
       soci::into(message.case_id), soci::into(items), soci::into(day), soci::into(due_at),
       soci::into(attempt), soci::use(id, "id"));
  std::vector<OutboxMessage> leased;
  for (long long wanted : ids) {
    id = wanted;
    lease.execute(true);
    read.execute(true);
    message.id = id;
    message.recipient_kind =
        recipient_kind == "colleague" ? RecipientKind::kColleague : RecipientKind::kCustomer;
    message.items.clear();
    for (const json& item : json::parse(items)) {
      message.items.push_back({item.at("invoice").get<std::string>(),
                               item.at("step").get<std::string>(),
                               item.at("template").get<std::string>()});
    }
    message.local_day = ParseCalendarDate(day).value();
    message.due_at = FromEpochMillis(due_at);
    message.attempt = attempt;
    leased.push_back(message);
  }
  return leased;
}

Status OutboxTable::CheckHeld(std::int64_t id, const std::string& owner, std::string& customer,
                              std::string& channel) {
  long long wanted = id;
  std::string state;
  std::string holder;
  std::string sql = kSelectHolder;
  if (kind_ == DatabaseKind::kPostgresql) sql += " FOR UPDATE";
  session_ << sql, soci::into(state), soci::into(holder), soci::into(customer), soci::into(channel),
      soci::use(wanted, "id");
  if (!session_.got_data())
    return NotFound("outbox message " + std::to_string(id) + " does not exist");
  if (state != "leased" || holder != owner) {
    return Conflict("outbox message " + std::to_string(id) + " is not leased by " + owner +
                    " (it is " + state + (holder.empty() ? "" : " by " + holder) + ")");
  }
  return Status::Ok();
}

Status OutboxTable::MarkSent(std::int64_t id, const std::string& owner,
                             const std::string& provider_id, HistoryChain& chain) {
  std::string customer;
  std::string channel;
  if (Status held = CheckHeld(id, owner, customer, channel); !held) return held;
  long long wanted = id;
  long long sent_at = ToEpochMillis(chain.at());
  session_ << kMarkSent, soci::use(provider_id, "provider_id"), soci::use(sent_at, "sent_at"),
      soci::use(wanted, "id");
  chain.Append("message.sent", customer, "",
               Dump(json{{"outbox", id}, {"channel", channel}, {"provider_id", provider_id}}));
  return Status::Ok();
}

Status OutboxTable::MarkFailed(std::int64_t id, const std::string& owner, bool permanent,
                               Instant retry_at, const std::string& error, HistoryChain& chain) {
  std::string customer;
  std::string channel;
  if (Status held = CheckHeld(id, owner, customer, channel); !held) return held;
  long long wanted = id;
  long long retry_ms = ToEpochMillis(retry_at);
  json payload = {{"outbox", id}, {"channel", channel}, {"error", error}, {"permanent", permanent}};
  if (permanent) {
    session_ << kMarkFailed, soci::use(error, "error"), soci::use(wanted, "id");
  } else {
    session_ << kMarkRetry, soci::use(error, "error"), soci::use(retry_ms, "retry_at"),
        soci::use(wanted, "id");
    payload["retry_at"] = FormatInstantUtc(retry_at);
  }
  chain.Append("message.failed", customer, "", Dump(payload));
  return Status::Ok();
}

}  // namespace duly::daemon
