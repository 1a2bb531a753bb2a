#include "daemon/store/outbox_row.h"

#include <nlohmann/json.hpp>

namespace duly::daemon {

void OutboxRow::Exchange(soci::statement& statement) {
  statement.exchange(soci::into(id));
  statement.exchange(soci::into(recipient_kind));
  statement.exchange(soci::into(recipient));
  statement.exchange(soci::into(customer));
  statement.exchange(soci::into(channel));
  statement.exchange(soci::into(template_id));
  statement.exchange(soci::into(language));
  statement.exchange(soci::into(reason));
  statement.exchange(soci::into(case_id));
  statement.exchange(soci::into(items));
  statement.exchange(soci::into(local_day));
  statement.exchange(soci::into(due_at));
  statement.exchange(soci::into(attempt));
  statement.exchange(soci::into(fallbacks));
  statement.exchange(soci::into(needs_reconcile));
  statement.exchange(soci::into(provider_id));
  statement.exchange(soci::into(attempted_at, attempted_at_null));
  statement.exchange(soci::into(state));
  statement.exchange(soci::into(delivery, delivery_null));
  statement.exchange(soci::into(last_error));
  statement.exchange(soci::into(sent_at, sent_at_null));
  statement.exchange(soci::into(lease_owner));
}

OutboxRecord OutboxRow::Record() const {
  using nlohmann::json;
  OutboxRecord record;
  OutboxMessage& message = record.message;
  message.id = id;
  message.recipient_kind =
      recipient_kind == "colleague" ? RecipientKind::kColleague : RecipientKind::kCustomer;
  message.recipient = recipient;
  message.customer = customer;
  message.channel = channel;
  message.template_id = template_id;
  message.language = language;
  message.reason = reason;
  message.case_id = case_id;
  for (const json& item : json::parse(items)) {
    message.items.push_back({item.at("invoice").get<std::string>(),
                             item.at("step").get<std::string>(),
                             item.at("template").get<std::string>()});
  }
  if (auto day = ParseCalendarDate(local_day)) message.local_day = *day;
  message.due_at = FromEpochMillis(due_at);
  message.attempt = attempt;
  for (const json& channel_name : json::parse(fallbacks)) {
    message.fallbacks.push_back(channel_name.get<std::string>());
  }
  message.needs_reconcile = needs_reconcile != 0;
  message.provider_id = provider_id;
  if (attempted_at_null == soci::i_ok) message.attempted_at = FromEpochMillis(attempted_at);
  record.state = state;
  if (delivery_null == soci::i_ok) record.delivery = ParseMessageDelivery(delivery);
  record.last_error = last_error;
  if (sent_at_null == soci::i_ok) record.sent_at = FromEpochMillis(sent_at);
  return record;
}

std::optional<MessageDelivery> ParseMessageDelivery(const std::string& text) {
  for (auto delivery :
       {MessageDelivery::kAccepted, MessageDelivery::kSent, MessageDelivery::kDelivered,
        MessageDelivery::kRead, MessageDelivery::kFailed, MessageDelivery::kCanceled}) {
    if (text == MessageDeliveryName(delivery)) return delivery;
  }
  return std::nullopt;
}

}  // namespace duly::daemon
