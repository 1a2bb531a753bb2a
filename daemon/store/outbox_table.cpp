#include "daemon/store/outbox_table.h"

#include <nlohmann/json.hpp>

#include "daemon/store/outbox_row.h"

namespace duly::daemon {
namespace {

using nlohmann::json;

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
