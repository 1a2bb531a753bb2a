#include "channels/dispatch/testdata/scripted_composer.h"

namespace duly::channels {

Result<OutboundMessage> ScriptedComposer::Compose(const OutboxMessage& row) {
  {
    std::lock_guard lock(mutex_);
    calls_.push_back(std::to_string(row.id) + ":" + row.channel);
    const auto failure = failures_.find({row.id, row.channel});
    if (failure != failures_.end()) return failure->second;
  }
  OutboundMessage message;
  message.id = row.id;
  message.channel = row.channel;
  message.customer = row.customer;
  message.language = row.language;
  if (row.channel == "email") {
    message.to = row.recipient + "@customers.example";
    message.subject = "Your invoices";
  } else {
    message.to = "+3161234" + std::to_string(1000 + row.id % 9000);
  }
  std::string body = "Reminder for";
  for (const OutboxItem& item : row.items) {
    message.invoices.push_back(item.invoice);
    body += " " + item.invoice;
  }
  message.text = body + " (message " + std::to_string(row.id) + ")";
  return message;
}

void ScriptedComposer::FailRow(std::int64_t id, const std::string& channel, Error error) {
  std::lock_guard lock(mutex_);
  failures_[{id, channel}] = std::move(error);
}

std::vector<std::string> ScriptedComposer::calls() const {
  std::lock_guard lock(mutex_);
  return calls_;
}

}  // namespace duly::channels
