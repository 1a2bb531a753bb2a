// duly::OutboxStore: the messages the engine queued, for whoever delivers them (the channel
// dispatcher, or `duly simulate`).
//
// Promise: a message is one row per bundle: one recipient, one channel, one local day, listing
// every invoice (and the step and template that asked for each). LeaseDueMessages marks up to
// `limit` pending rows due at or before `now` as leased by `owner` until now + `lease` (rows whose
// lease expired count as pending again; on PostgreSQL with SKIP LOCKED) and returns them; after
// that the engine no longer adds invoices to them. MarkMessageSent and MarkMessageFailed only
// act on a row still leased by `owner` (kConflict otherwise) and record an event.
// Thread-safety: safe to call from many threads at once.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "workflows/calendar_date.h"
#include "workflows/status.h"

namespace duly {

enum class RecipientKind { kCustomer, kColleague };
const char* RecipientKindName(RecipientKind kind);  // "customer", "colleague"

struct OutboxItem {
  std::string invoice;
  std::string step;         // empty when not from a step
  std::string template_id;  // the template the step asked for
  friend bool operator==(const OutboxItem&, const OutboxItem&) = default;
};

struct OutboxMessage {
  std::int64_t id = 0;
  RecipientKind recipient_kind = RecipientKind::kCustomer;
  std::string recipient;    // customer or colleague id
  std::string customer;     // the customer concerned (== recipient for customers)
  std::string channel;      // email, sms, whatsapp, letter, voice, chat
  std::string template_id;  // the bundle's template: that of its first item
  std::string language;
  std::string reason;   // colleague messages: why ("step:tell-account-manager")
  std::string case_id;  // colleague messages about a case
  std::vector<OutboxItem> items;
  CalendarDate local_day{};
  Instant due_at{};
  std::int64_t attempt = 0;
};

class OutboxStore {
 public:
  virtual ~OutboxStore() = default;

  virtual Result<std::vector<OutboxMessage>> LeaseDueMessages(Instant now, int limit,
                                                              const std::string& owner,
                                                              std::chrono::milliseconds lease) = 0;
  virtual Status MarkMessageSent(std::int64_t id, const std::string& owner,
                                 const std::string& provider_id) = 0;
  // kPermanent failures end the row ("failed"); others make it pending again at `retry_at`.
  virtual Status MarkMessageFailed(std::int64_t id, const std::string& owner, bool permanent,
                                   Instant retry_at, const std::string& error) = 0;
};

}  // namespace duly
