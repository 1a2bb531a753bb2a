// duly::OutboxStore: the messages the engine queued, for whoever delivers them (the channel
// dispatcher, or `duly simulate`), and what became of each.
//
// Promise: a message is one row per bundle: one recipient, one channel, one local day, listing
// every invoice (and the step and template that asked for each).
//
// Lifecycle of a row (column `state`):
//   pending --Lease--> leased --MarkMessageSent--> sent --RecordDeliveryStatus--> (delivery state)
//                             --MarkMessageFailed(transient)--> pending again at retry_at
//                             --MarkMessageFailed(permanent)--> failed
//                             --MarkMessageFallback--> pending on the next channel
//                             --MarkMessageUnknown--> reconcile (leased again at reconcile_at,
//                                                     with needs_reconcile set)
//                             --MarkMessageCanceled--> canceled
// LeaseDueMessages marks up to `limit` rows that are pending or reconcile and due at or before
// `now` (or leased with an expired lease) as leased by `owner` until now + `lease` (PostgreSQL:
// FOR UPDATE SKIP LOCKED) and returns them; after that the engine no longer adds invoices to
// them. In the same transaction it re-checks every item against its invoice: an item whose
// invoice is no longer collectible (paid, credited, written off, deleted, or held: disputed,
// promised, in a payment plan; see CollectionHold) is dropped from the row, and a customer row
// left without items is canceled instead of leased ("message.canceled" with the reason), so a
// paid or disputed invoice is never reminded. Colleague rows are not re-checked. Rows that are
// not leased are never returned.
// The Mark* methods act only on a row still leased by `owner` (kConflict otherwise, kNotFound
// for an unknown id) and each records one event ("message.sent", "message.failed",
// "message.fallback", "message.outcome_unknown", "message.canceled") on the customer's history.
// SettleMessages records many rows' outcomes at once (what the Mark* methods do one by one) in one
// transaction, so a dispatcher pays for one commit per batch instead of one per message.
// Thread-safety: safe to call from many threads at once.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
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
  std::int64_t attempt = 0;  // failed attempts so far on this row (all channels)
  // Channels to fall back to after a permanent failure, in order (the step's remaining ones).
  std::vector<std::string> fallbacks;
  // Set when an earlier attempt's outcome is unknown: ask the provider before sending again.
  bool needs_reconcile = false;
  std::string provider_id;  // the provider's id once sent (or found by reconciling)
  // When the unknown attempt was made (reconcile: look for messages from then on).
  std::optional<Instant> attempted_at;
  friend bool operator==(const OutboxMessage&, const OutboxMessage&) = default;
};

// Where a sent message stands, as its provider reports it (status callbacks). Never moves
// backwards: accepted < sent < delivered < read; failed and canceled are final.
enum class MessageDelivery { kAccepted, kSent, kDelivered, kRead, kFailed, kCanceled };
const char* MessageDeliveryName(MessageDelivery delivery);  // "accepted", "sent", ...

// One row as the API and UI show it (a customer's messages with their delivery status).
struct OutboxRecord {
  OutboxMessage message;
  std::string state;                        // pending, leased, reconcile, sent, failed, canceled
  std::optional<MessageDelivery> delivery;  // once sent
  std::string last_error;                   // the latest failure's reason, "" when none
  std::optional<Instant> sent_at;
};

// What became of one leased row: the arguments of the matching Mark* call.
enum class MessageOutcome { kSent, kFailed, kFallback, kUnknown, kCanceled };

struct MessageSettlement {
  std::int64_t id = 0;
  MessageOutcome outcome = MessageOutcome::kSent;
  std::string provider_id;  // kSent
  bool permanent = false;   // kFailed
  Instant retry_at{};       // kFailed, not permanent
  std::string channel;      // kFallback: the first of the row's fallbacks
  Instant attempted_at{};   // kUnknown
  Instant reconcile_at{};   // kUnknown
  std::string error;        // kFailed, kFallback, kUnknown: the error; kCanceled: the reason

  static MessageSettlement Sent(std::int64_t id, std::string provider_id);
  static MessageSettlement Failed(std::int64_t id, bool permanent, Instant retry_at,
                                  std::string error);
  static MessageSettlement Fallback(std::int64_t id, std::string channel, std::string error);
  static MessageSettlement Unknown(std::int64_t id, Instant attempted_at, Instant reconcile_at,
                                   std::string error);
  static MessageSettlement Canceled(std::int64_t id, std::string reason);
};

class OutboxStore {
 public:
  virtual ~OutboxStore() = default;

  virtual Result<std::vector<OutboxMessage>> LeaseDueMessages(Instant now, int limit,
                                                              const std::string& owner,
                                                              std::chrono::milliseconds lease) = 0;
  // The earliest due_at of a row LeaseDueMessages could take (pending or reconcile, or the end
  // of an expired lease); nullopt when there is none.
  virtual Result<std::optional<Instant>> NextMessageDue() = 0;

  virtual Status MarkMessageSent(std::int64_t id, const std::string& owner,
                                 const std::string& provider_id) = 0;
  // kPermanent failures end the row ("failed"); others make it pending again at `retry_at`.
  // Either way the row's attempt count grows by one and `error` becomes its last_error.
  virtual Status MarkMessageFailed(std::int64_t id, const std::string& owner, bool permanent,
                                   Instant retry_at, const std::string& error) = 0;
  // A permanent failure on the row's channel with a fallback left: the row moves to `channel`
  // (which must be the first of its fallbacks; it is removed from them), pending and due now;
  // the event names the old channel, the new one and `error`.
  virtual Status MarkMessageFallback(std::int64_t id, const std::string& owner,
                                     const std::string& channel, const std::string& error) = 0;
  // The attempt made at `attempted_at` may or may not have reached the provider: the row waits
  // in state "reconcile" until `reconcile_at`, then is leased again with needs_reconcile set.
  virtual Status MarkMessageUnknown(std::int64_t id, const std::string& owner, Instant attempted_at,
                                    Instant reconcile_at, const std::string& error) = 0;
  // Withdrawn before sending (its invoices were settled or held since it was leased).
  virtual Status MarkMessageCanceled(std::int64_t id, const std::string& owner,
                                     const std::string& reason) = 0;

  // Records each settlement exactly as its Mark* would (same checks, same event), all of them in
  // one transaction with one update of the history head. Returns one Status per settlement, in
  // order: a row that fails its check (kConflict, kNotFound, kInvalidArgument) is left as it was
  // and the others are recorded. An error (the transaction failed) means nothing was recorded.
  // The default calls the Mark* methods one by one (one transaction each).
  virtual Result<std::vector<Status>> SettleMessages(
      const std::vector<MessageSettlement>& settlements, const std::string& owner);

  // A provider's status callback for the message it knows as `provider_id` (any owner, any
  // time). Ignored (kOk, nothing written) when it would move the delivery backwards or repeat
  // it; kNotFound for an unknown provider id. Records "message.delivery" with the state and the
  // provider's error code ("30003"), when given.
  virtual Status RecordDeliveryStatus(const std::string& provider_id, MessageDelivery delivery,
                                      const std::string& error_code) = 0;

  // A customer's messages, newest first, at most `limit`.
  virtual Result<std::vector<OutboxRecord>> ListCustomerMessages(const std::string& customer,
                                                                 int limit) = 0;
};

}  // namespace duly
