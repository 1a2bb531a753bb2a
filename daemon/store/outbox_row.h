// duly::daemon::OutboxRow: one outbox_messages row as SELECT reads it, bound column by column.
//
// Promise: kOutboxColumns lists the columns (prefix-free, in the order Exchange() binds them);
// Exchange() adds one into() per column to a statement; Record() turns the fetched columns into
// an OutboxRecord (items and fallbacks parsed from their JSON). Thread-safety: one instance per
// statement.
#pragma once

#include <string>

#include <soci/soci.h>

#include "workflows/engine/outbox_store.h"

namespace duly::daemon {

inline constexpr const char* kOutboxColumns =
    "id, recipient_kind, recipient, customer, channel, template, language, reason, case_id,"
    " items, local_day, due_at, attempt, fallbacks, needs_reconcile, provider_id, attempted_at,"
    " state, delivery, last_error, sent_at, lease_owner";

struct OutboxRow {
  long long id = 0;
  std::string recipient_kind, recipient, customer, channel, template_id, language, reason, case_id,
      items, local_day;
  long long due_at = 0;
  long long attempt = 0;
  std::string fallbacks;
  int needs_reconcile = 0;
  std::string provider_id;
  long long attempted_at = 0;
  soci::indicator attempted_at_null = soci::i_null;
  std::string state;
  std::string delivery;
  soci::indicator delivery_null = soci::i_null;
  std::string last_error;
  long long sent_at = 0;
  soci::indicator sent_at_null = soci::i_null;
  std::string lease_owner;

  void Exchange(soci::statement& statement);
  OutboxRecord Record() const;
};

// The delivery named `text` ("delivered"), or nullopt.
std::optional<MessageDelivery> ParseMessageDelivery(const std::string& text);

}  // namespace duly::daemon
