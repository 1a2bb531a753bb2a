// duly::Event: one entry of the append-only history.
//
// Promise: every state change in duly is recorded as an Event in the same transaction as the
// change. Events are numbered without gaps (seq 1, 2, 3, ...) and each carries the SHA-256 of
// its predecessor, so altering or removing any entry breaks the chain that `duly verify-history`
// checks. Plain data; thread-compatible.
#pragma once

#include <cstdint>
#include <string>

#include "workflows/calendar_date.h"

namespace duly {

struct Event {
  std::int64_t seq = 0;   // 1-based position in the history, assigned by the store
  Instant at{};           // when the change happened (from the Clock)
  std::string type;       // "customer.created", "invoice.updated", "payment.posted", ...
  std::string customer;   // customer id the event belongs to, empty for global events
  std::string invoice;    // invoice id when the event concerns one invoice
  std::string actor;      // who caused it: "token:<name>", "cli", "system"
  std::string payload;    // JSON object text with the details (new values, diffs, reasons)
  std::string prev_hash;  // hex SHA-256 of the previous event ("" for seq 1)
  std::string hash;       // hex SHA-256 of this event (see daemon/store/history_hash.h)
};

}  // namespace duly
