#include "daemon/store/outbox_lease.h"

#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "daemon/store/collection_holds.h"
#include "daemon/store/outbox_row.h"

namespace duly::daemon {
namespace {

using nlohmann::json;

// Rows ready to send: pending or reconcile and due, or leased with an expired lease (index
// outbox_due).
constexpr const char* kSelectLeasable =
    " FROM outbox_messages WHERE (state IN ('pending', 'reconcile') AND due_at <= :now1)"
    " OR (state = 'leased' AND lease_until <= :now2) ORDER BY due_at, id LIMIT :limit";
// When an expired lease was taken (the previous holder's attempt).
constexpr const char* kSelectLeasedAt = "SELECT leased_at FROM outbox_messages WHERE id = :id";
// Lease one row, with the items left after the check; a taken-over lease needs reconciling.
constexpr const char* kLease =
    "UPDATE outbox_messages SET state = 'leased', lease_owner = :owner, lease_until = :until,"
    " leased_at = :leased_at, items = :items, template = :template,"
    " needs_reconcile = :needs_reconcile, attempted_at = :attempted_at WHERE id = :id";
// Withdraw a row none of whose invoices may be reminded.
constexpr const char* kCancel =
    "UPDATE outbox_messages SET state = 'canceled', lease_owner = '', lease_until = 0,"
    " leased_at = NULL, items = :items, last_error = :reason WHERE id = :id";

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

json ItemsJson(const std::vector<OutboxItem>& items) {
  json array = json::array();
  for (const OutboxItem& item : items) {
    array.push_back(
        {{"invoice", item.invoice}, {"step", item.step}, {"template", item.template_id}});
  }
  return array;
}

// "paid" or, for several reasons, "paid, disputed" (sorted, each once).
std::string ReasonOf(const json& dropped) {
  std::set<std::string> reasons;
  for (const auto& [invoice, reason] : dropped.items()) reasons.insert(reason.get<std::string>());
  std::string text;
  for (const std::string& reason : reasons) text += (text.empty() ? "" : ", ") + reason;
  return text;
}

}  // namespace

std::vector<OutboxMessage> OutboxLease::Take(Instant now, int limit, const std::string& owner,
                                             Instant until, HistoryChain& chain) {
  const long long now_ms = ToEpochMillis(now);
  const long long fetch = limit;
  std::vector<OutboxRecord> rows;
  {
    OutboxRow row;
    soci::statement select(session_);
    row.Exchange(select);
    select.exchange(soci::use(now_ms, "now1"));
    select.exchange(soci::use(now_ms, "now2"));
    select.exchange(soci::use(fetch, "limit"));
    select.alloc();
    select.prepare(std::string("SELECT ") + kOutboxColumns + kSelectLeasable +
                   (kind_ == DatabaseKind::kPostgresql ? " FOR UPDATE SKIP LOCKED" : ""));
    select.define_and_bind();
    select.execute();
    while (select.fetch()) rows.push_back(row.Record());
  }
  std::vector<std::string> invoices;
  for (const OutboxRecord& record : rows) {
    if (record.message.recipient_kind != RecipientKind::kCustomer) continue;
    for (const OutboxItem& item : record.message.items) invoices.push_back(item.invoice);
  }
  const std::map<std::string, std::string> uncollectible =
      UncollectibleInvoices(session_, kind_, invoices);

  auto append = [&](const char* type, const std::string& customer, const json& payload) {
    chain.Append(type, customer, "", Dump(payload));
  };
  long long id = 0;
  long long until_ms = ToEpochMillis(until);
  long long leased_at = now_ms;
  std::string items;
  std::string template_id;
  int needs_reconcile = 0;
  long long attempted_at = 0;
  soci::indicator attempted_null = soci::i_null;
  std::string reason;
  soci::statement lease =
      (session_.prepare << kLease, soci::use(owner, "owner"), soci::use(until_ms, "until"),
       soci::use(leased_at, "leased_at"), soci::use(items, "items"),
       soci::use(template_id, "template"), soci::use(needs_reconcile, "needs_reconcile"),
       soci::use(attempted_at, attempted_null, "attempted_at"), soci::use(id, "id"));
  std::vector<OutboxMessage> leased;
  for (OutboxRecord& record : rows) {
    OutboxMessage& message = record.message;
    id = message.id;
    if (message.recipient_kind == RecipientKind::kCustomer) {
      json dropped = json::object();
      std::vector<OutboxItem> kept;
      for (const OutboxItem& item : message.items) {
        auto found = uncollectible.find(item.invoice);
        // A payment plan's own messages (step "plan:<id>": schedule, installment reminders) are
        // about invoices the plan holds; only a settled or closed invoice drops them.
        if (found != uncollectible.end() && found->second == "in_plan" &&
            item.step.rfind("plan:", 0) == 0) {
          found = uncollectible.end();
        }
        if (found != uncollectible.end()) {
          dropped[item.invoice] = found->second;
        } else {
          kept.push_back(item);
        }
      }
      if (kept.empty()) {
        reason = ReasonOf(dropped);
        items = Dump(ItemsJson(message.items));
        session_ << kCancel, soci::use(items, "items"), soci::use(reason, "reason"),
            soci::use(id, "id");
        append("message.canceled", message.customer,
               {{"outbox", message.id},
                {"channel", message.channel},
                {"reason", reason},
                {"invoices", dropped}});
        continue;
      }
      if (!dropped.empty()) {
        message.items = std::move(kept);
        message.template_id = message.items.front().template_id;
        append("message.items_dropped", message.customer,
               {{"outbox", message.id}, {"channel", message.channel}, {"invoices", dropped}});
      }
    }
    if (record.state == "leased") {  // taken over: the previous holder may have sent it
      message.needs_reconcile = true;
      if (!message.attempted_at) {
        long long previous = 0;
        soci::indicator previous_null = soci::i_null;
        session_ << kSelectLeasedAt, soci::into(previous, previous_null), soci::use(id, "id");
        message.attempted_at =
            FromEpochMillis(previous_null == soci::i_ok ? previous : ToEpochMillis(message.due_at));
      }
    }
    items = Dump(ItemsJson(message.items));
    template_id = message.template_id;
    needs_reconcile = message.needs_reconcile ? 1 : 0;
    attempted_null = message.attempted_at ? soci::i_ok : soci::i_null;
    attempted_at = message.attempted_at ? ToEpochMillis(*message.attempted_at) : 0;
    lease.execute(true);
    leased.push_back(std::move(message));
  }
  return leased;
}

}  // namespace duly::daemon
