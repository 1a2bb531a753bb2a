#include "daemon/store/effect_writer.h"

#include <algorithm>
#include <cstdio>
#include <functional>

#include "daemon/store/json_rows.h"

namespace duly::daemon {
namespace {

using nlohmann::json;

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

// "YYYY-MM-DD" without the cost of a stream (formatted for every part of a batch).
std::string DayText(CalendarDate day) {
  const date::year_month_day ymd(day);
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return text;
}

// ISO 8601 UTC with milliseconds, as FormatInstantUtc writes it.
std::string InstantText(std::int64_t epoch_ms) {
  const Instant at = FromEpochMillis(epoch_ms);
  const CalendarDate day = std::chrono::floor<date::days>(at);
  const date::hh_mm_ss<std::chrono::milliseconds> time(at - day);
  char text[32];
  std::snprintf(text, sizeof text, "%sT%02d:%02d:%02d.%03dZ", DayText(day).c_str(),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()),
                static_cast<int>(time.subseconds().count()));
  return text;
}

json Invoices(const json& items) {
  json invoices = json::array();
  for (const json& item : items) invoices.push_back(item.at("invoice"));
  return invoices;
}

// Prepares `sql` with the JSON array `rows` bound as :rows and the given into() columns, runs it
// and calls `row` after each fetched row.
template <typename... Into>
void FetchRows(soci::session& session, const std::string& sql, const json& rows,
               const std::function<void()>& row, Into&&... into) {
  const std::string text = JsonRowsText(rows);
  soci::statement select(session);
  (select.exchange(std::forward<Into>(into)), ...);
  select.exchange(soci::use(text, "rows"));
  select.alloc();
  // Once: on PostgreSQL one round trip instead of PREPARE, EXECUTE and DEALLOCATE.
  select.prepare(sql, soci::details::st_one_time_query);
  select.define_and_bind();
  select.execute();
  while (select.fetch()) row();
}

}  // namespace

std::string EffectWriter::Part::Key() const {
  return recipient_kind + "|" + recipient + "|" + channel + "|" + local_day + "|" + reason;
}

std::vector<EffectWriter::Part> EffectWriter::PartsOf(const TimerOutcome& outcome) {
  std::vector<Part> parts;
  for (const MessageEffect& effect : outcome.messages) {
    parts.push_back(
        {"customer", effect.customer, effect.customer, effect.channel, effect.language,
         effect.template_id, "", "", DayText(effect.local_day), ToEpochMillis(effect.due_at),
         json{{"invoice", effect.invoice}, {"step", effect.step}, {"template", effect.template_id}},
         effect.invoice, json(effect.fallbacks)});
  }
  for (const ColleagueNotificationEffect& effect : outcome.notifications) {
    parts.push_back(
        {"colleague", effect.colleague, effect.customer, effect.channel, "", effect.template_id,
         effect.reason, effect.case_id, DayText(LocalDay(effect.due_at, "UTC")),
         ToEpochMillis(effect.due_at),
         json{{"invoice", effect.invoice}, {"step", effect.step}, {"template", effect.template_id}},
         effect.invoice, json::array()});
  }
  return parts;
}

void EffectWriter::Prepare(const std::vector<const TimerOutcome*>& outcomes) {
  std::vector<Part> parts;
  std::vector<const CallTaskEffect*> calls;
  std::vector<const HandoverEffect*> handovers;
  for (const TimerOutcome* outcome : outcomes) {
    std::vector<Part>& mine = parts_[outcome];
    mine = PartsOf(*outcome);
    parts.insert(parts.end(), mine.begin(), mine.end());
    for (const CallTaskEffect& effect : outcome->call_tasks) calls.push_back(&effect);
    if (outcome->handover) handovers.push_back(&*outcome->handover);
  }
  PrepareOutbox(parts);
  PrepareCallTasks(calls);
  PrepareHandovers(handovers);
}

void EffectWriter::PrepareOutbox(const std::vector<Part>& parts) {
  if (parts.empty()) return;
  json keys = json::array();
  std::map<std::string, const Part*> first;  // key -> its first part in the batch
  for (const Part& part : parts) {
    if (!first.emplace(part.Key(), &part).second) continue;
    keys.push_back({{"recipient_kind", part.recipient_kind},
                    {"recipient", part.recipient},
                    {"channel", part.channel},
                    {"local_day", part.local_day},
                    {"reason", part.reason}});
  }
  const std::string key_rows = JsonRowsSelect(kind_, {{"recipient_kind", "text"},
                                                      {"recipient", "text"},
                                                      {"channel", "text"},
                                                      {"local_day", "text"},
                                                      {"reason", "text"}});
  Part found;
  long long id = 0;
  long long due_at = 0;
  std::string items;
  // The pending bundles of the batch's keys (index outbox_bundle).
  FetchRows(
      session_,
      "SELECT o.id, o.recipient_kind, o.recipient, o.channel, o.local_day, o.reason, o.items,"
      " o.due_at FROM outbox_messages o JOIN (" +
          key_rows +
          ") AS k ON o.recipient_kind = k.recipient_kind AND o.recipient = k.recipient"
          " AND o.channel = k.channel AND o.local_day = k.local_day AND o.reason = k.reason"
          " WHERE o.state = 'pending' ORDER BY o.id" +
          (kind_ == DatabaseKind::kPostgresql ? " FOR UPDATE OF o" : ""),
      keys,
      [&] {
        Bundle& bundle = outbox_[found.Key()];
        if (bundle.id != 0) return;  // the oldest pending row of a key takes new parts
        bundle.id = id;
        bundle.items = json::parse(items);
        bundle.due_at = due_at;
        bundle.stored = true;
      },
      soci::into(id), soci::into(found.recipient_kind), soci::into(found.recipient),
      soci::into(found.channel), soci::into(found.local_day), soci::into(found.reason),
      soci::into(items), soci::into(due_at));
  // New bundles are inserted with every item of the batch, so Flush() need not touch them.
  std::map<std::string, std::pair<json, std::int64_t>> batch_items;  // key -> items, due_at
  for (const Part& part : parts) {
    const std::string key = part.Key();
    if (outbox_.count(key) != 0) continue;
    auto [it, added] = batch_items.try_emplace(key, json::array(), part.due_at);
    it->second.first.push_back(part.item);
    it->second.second = std::min(it->second.second, part.due_at);
  }
  json fresh = json::array();
  const std::int64_t created_at = ToEpochMillis(now_);
  // In the order the batch first names each key, so ids (and delivery order) follow step order.
  for (const Part& first_part : parts) {
    const std::string key = first_part.Key();
    const Part* part = first.at(key);
    if (part != &first_part) continue;
    auto items_of = batch_items.find(key);
    if (items_of == batch_items.end()) continue;
    fresh.push_back({{"recipient_kind", part->recipient_kind},
                     {"recipient", part->recipient},
                     {"customer", part->customer},
                     {"channel", part->channel},
                     {"language", part->language},
                     {"template", part->template_id},
                     {"reason", part->reason},
                     {"case_id", part->case_id},
                     {"local_day", part->local_day},
                     {"due_at", items_of->second.second},
                     {"items", Dump(items_of->second.first)},
                     {"fallbacks", Dump(part->fallbacks)},
                     {"created_at", created_at}});
  }
  if (fresh.empty()) return;
  // A new row takes the fallbacks of its first part; later parts join it as they are.
  FetchRows(
      session_,
      "INSERT INTO outbox_messages (recipient_kind, recipient, customer, channel, language,"
      " template, reason, case_id, local_day, state, due_at, lease_owner, lease_until, attempt,"
      " provider_id, last_error, items, fallbacks, needs_reconcile, delivery_error, created_at)"
      " SELECT recipient_kind, recipient, customer, channel, language, template, reason, case_id,"
      " local_day, 'pending', due_at, '', 0, 0, '', '', items, fallbacks, 0, '', created_at"
      " FROM (" +
          JsonRowsSelect(kind_, {{"recipient_kind", "text"},
                                 {"recipient", "text"},
                                 {"customer", "text"},
                                 {"channel", "text"},
                                 {"language", "text"},
                                 {"template", "text"},
                                 {"reason", "text"},
                                 {"case_id", "text"},
                                 {"local_day", "text"},
                                 {"due_at", "bigint"},
                                 {"items", "text"},
                                 {"fallbacks", "text"},
                                 {"created_at", "bigint"}}) +
          ") AS r RETURNING id, recipient_kind, recipient, channel, local_day, reason",
      fresh,
      [&] {
        const std::string key = found.Key();
        Bundle& bundle = outbox_[key];
        bundle.id = id;
        bundle.due_at = first.at(key)->due_at;  // Write() shows the bundle as it grows
      },
      soci::into(id), soci::into(found.recipient_kind), soci::into(found.recipient),
      soci::into(found.channel), soci::into(found.local_day), soci::into(found.reason));
}

void EffectWriter::PrepareCallTasks(const std::vector<const CallTaskEffect*>& effects) {
  if (effects.empty()) return;
  json keys = json::array();
  std::map<std::string, const CallTaskEffect*> first;
  for (const CallTaskEffect* effect : effects) {
    const std::string day = DayText(effect->local_day);
    if (!first.emplace(effect->customer + "|" + day, effect).second) continue;
    keys.push_back({{"customer", effect->customer}, {"local_day", day}});
  }
  std::string customer;
  std::string day;
  std::string items;
  long long id = 0;
  long long due_at = 0;
  // The call tasks of the batch's keys (unique customer, local_day).
  FetchRows(
      session_,
      "SELECT c.id, c.customer, c.local_day, c.items, c.due_at FROM tasks c JOIN (" +
          JsonRowsSelect(kind_, {{"customer", "text"}, {"local_day", "text"}}) +
          ") AS k ON c.customer = k.customer AND c.local_day = k.local_day WHERE c.kind = 'call'" +
          (kind_ == DatabaseKind::kPostgresql ? " FOR UPDATE OF c" : ""),
      keys,
      [&] {
        Bundle& bundle = call_tasks_[customer + "|" + day];
        bundle.id = id;
        bundle.items = json::parse(items);
        bundle.due_at = due_at;
        bundle.stored = true;
      },
      soci::into(id), soci::into(customer), soci::into(day), soci::into(items), soci::into(due_at));
  // New call tasks are inserted with every item of the batch, so Flush() need not touch them.
  std::map<std::string, std::pair<json, std::int64_t>> batch_items;  // key -> items, due_at
  for (const CallTaskEffect* effect : effects) {
    const std::string key = effect->customer + "|" + DayText(effect->local_day);
    if (call_tasks_.count(key) != 0) continue;
    auto [it, added] = batch_items.try_emplace(key, json::array(), ToEpochMillis(effect->due_at));
    it->second.first.push_back(
        {{"invoice", effect->invoice}, {"step", effect->step}, {"script", effect->script}});
    it->second.second = std::min(it->second.second, ToEpochMillis(effect->due_at));
  }
  json fresh = json::array();
  const std::int64_t created_at = ToEpochMillis(now_);
  for (const auto& [key, effect] : first) {
    auto items_of = batch_items.find(key);
    if (items_of == batch_items.end()) continue;
    fresh.push_back({{"customer", effect->customer},
                     {"local_day", DayText(effect->local_day)},
                     {"script", effect->script},
                     {"items", Dump(items_of->second.first)},
                     {"due_at", items_of->second.second},
                     {"created_at", created_at}});
  }
  if (fresh.empty()) return;
  FetchRows(
      session_,
      "INSERT INTO tasks (kind, customer, local_day, script, items, detail, message, assignee,"
      " state, due_at, attempts, outcome, note, created_at, updated_at) SELECT 'call', customer,"
      " local_day, script, items, '', 0, '', 'open', due_at, 0, '', '', created_at, created_at"
      " FROM (" +
          JsonRowsSelect(kind_, {{"customer", "text"},
                                 {"local_day", "text"},
                                 {"script", "text"},
                                 {"items", "text"},
                                 {"due_at", "bigint"},
                                 {"created_at", "bigint"}}) +
          ") AS r RETURNING id, customer, local_day",
      fresh,
      [&] {
        const std::string key = customer + "|" + day;
        Bundle& bundle = call_tasks_[key];
        bundle.id = id;
        bundle.due_at = ToEpochMillis(first.at(key)->due_at);
      },
      soci::into(id), soci::into(customer), soci::into(day));
}

void EffectWriter::PrepareHandovers(const std::vector<const HandoverEffect*>& effects) {
  if (effects.empty()) return;
  json rows = json::array();
  const std::int64_t created_at = ToEpochMillis(now_);
  for (const HandoverEffect* effect : effects) {
    rows.push_back({{"invoice", effect->invoice},
                    {"customer", effect->customer},
                    {"agency", effect->agency},
                    {"created_at", created_at}});
  }
  std::string invoice;
  FetchRows(
      session_,
      "INSERT INTO handovers (invoice, customer, agency, state, created_at) SELECT invoice,"
      " customer, agency, 'pending', created_at FROM (" +
          JsonRowsSelect(kind_, {{"invoice", "text"},
                                 {"customer", "text"},
                                 {"agency", "text"},
                                 {"created_at", "bigint"}}) +
          ") AS r WHERE true ON CONFLICT (invoice) DO NOTHING RETURNING invoice",
      rows, [&] { handed_over_.insert(invoice); }, soci::into(invoice));
}

std::int64_t EffectWriter::Write(const TimerOutcome& outcome) {
  std::int64_t parts = 0;
  for (const Part& part : parts_[&outcome]) {
    Bundle& bundle = outbox_.at(part.Key());
    const bool created = bundle.items.empty() && !bundle.touched;
    bundle.items.push_back(part.item);
    bundle.due_at = std::min(bundle.due_at, part.due_at);
    bundle.touched = true;
    json payload = {{"outbox", bundle.id},
                    {"recipient_kind", part.recipient_kind},
                    {"recipient", part.recipient},
                    {"channel", part.channel},
                    {"template", part.template_id},
                    {"invoices", Invoices(bundle.items)},
                    {"due_at", InstantText(bundle.due_at)}};
    if (!part.reason.empty()) payload["reason"] = part.reason;
    if (!part.case_id.empty()) payload["case"] = part.case_id;
    chain_.Append(created ? "message.queued" : "message.extended", part.customer, part.invoice,
                  Dump(payload));
    ++parts;
  }
  for (const CallTaskEffect& effect : outcome.call_tasks) {
    Bundle& bundle = call_tasks_.at(effect.customer + "|" + DayText(effect.local_day));
    const bool created = bundle.items.empty() && !bundle.touched;
    bundle.items.push_back(
        {{"invoice", effect.invoice}, {"step", effect.step}, {"script", effect.script}});
    bundle.due_at = std::min(bundle.due_at, ToEpochMillis(effect.due_at));
    bundle.touched = true;
    chain_.Append(created ? "call_task.created" : "call_task.extended", effect.customer,
                  effect.invoice,
                  Dump(json{{"call_task", bundle.id},
                            {"customer", effect.customer},
                            {"invoices", Invoices(bundle.items)},
                            {"script", effect.script},
                            {"due_at", InstantText(bundle.due_at)}}));
    ++parts;
  }
  if (outcome.handover) {
    if (handed_over_.count(outcome.handover->invoice) != 0) {
      chain_.Append(
          "handover.created", outcome.handover->customer, outcome.handover->invoice,
          Dump(json{{"invoice", outcome.handover->invoice}, {"agency", outcome.handover->agency}}));
    }
    ++parts;
  }
  return parts;
}

void EffectWriter::Flush() {
  auto store = [this](const std::map<std::string, Bundle>& bundles, const std::string& table,
                      const char* also_set) {
    json rows = json::array();
    for (const auto& [key, bundle] : bundles) {
      if (!bundle.touched || !bundle.stored) continue;  // new rows were inserted complete
      rows.push_back({{"id", bundle.id}, {"items", Dump(bundle.items)}, {"due_at", bundle.due_at}});
    }
    if (rows.empty()) return;
    const std::string text = JsonRowsText(rows);
    session_ << "UPDATE " + table + " SET items = r.items, due_at = r.due_at" + also_set +
                    " FROM (" +
                    JsonRowsSelect(kind_,
                                   {{"id", "bigint"}, {"items", "text"}, {"due_at", "bigint"}}) +
                    ") AS r WHERE " + table + ".id = r.id",
        soci::use(text, "rows");
  };
  store(outbox_, "outbox_messages", "");
  // A claimed call keeps its claim; a done or cancelled one opens again.
  store(call_tasks_, "tasks",
        ", state = CASE WHEN tasks.state = 'claimed' THEN 'claimed' ELSE 'open' END");
}

}  // namespace duly::daemon
