#include "daemon/store/history_chain.h"

#include <nlohmann/json.hpp>

#include "daemon/store/history_hash.h"

namespace duly::daemon {
namespace {

// SQLite: the chain head (the writer mutex already serialises appends).
constexpr const char* kSelectHeadSqlite = "SELECT seq, hash FROM history_head WHERE id = 1";
// PostgreSQL: the chain head, locked until commit so appends are serialised across nodes.
constexpr const char* kSelectHeadPostgres =
    "SELECT seq, hash FROM history_head WHERE id = 1 FOR UPDATE";
// Move the head to the last appended event.
constexpr const char* kUpdateHead = "UPDATE history_head SET seq = :seq, hash = :hash WHERE id = 1";
// Append one event.
constexpr const char* kInsertEvent =
    "INSERT INTO events (seq, at, type, customer, invoice, actor, payload, prev_hash, hash) "
    "VALUES (:seq, :at, :type, :customer, :invoice, :actor, :payload, :prev_hash, :hash)";
// PostgreSQL: append many events in one round trip, from a JSON array of rows.
constexpr const char* kInsertEventsJson =
    "INSERT INTO events (seq, at, type, customer, invoice, actor, payload, prev_hash, hash)"
    " SELECT seq, at, type, customer, invoice, actor, payload, prev_hash, hash"
    " FROM json_populate_recordset(NULL::events, CAST(:rows AS json))";
// How many events PostgreSQL appends per statement.
constexpr std::size_t kEventsPerStatement = 2000;
// A customer's events after a seq, oldest first.
constexpr const char* kSelectCustomerEvents =
    "SELECT seq, at, type, customer, invoice, actor, payload, prev_hash, hash FROM events "
    "WHERE customer = :customer AND seq > :after ORDER BY seq LIMIT :limit";
// The whole history after a seq, oldest first.
constexpr const char* kSelectEvents =
    "SELECT seq, at, type, customer, invoice, actor, payload, prev_hash, hash FROM events "
    "WHERE seq > :after ORDER BY seq LIMIT :limit";
// One chunk of the history up to the head read at the start, in order, for verification (chunks
// keep memory bounded: the PostgreSQL backend buffers a whole result set).
constexpr const char* kSelectEventChunk =
    "SELECT seq, at, type, customer, invoice, actor, payload, prev_hash, hash FROM events "
    "WHERE seq > :after AND seq <= :head ORDER BY seq LIMIT :limit";
// Events verified per chunk.
constexpr long long kVerifyChunk = 10000;

// Appends ,"name":"text" with `text` escaped as a JSON string (RFC 8259: quote, backslash and
// control characters; other bytes as they are).
void AppendJsonField(std::string& out, std::string_view name, std::string_view text) {
  static constexpr std::string_view kHex = "0123456789abcdef";
  out += ",\"";
  out += name;
  out += "\":\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20) {
      out += "\\u00";
      out += kHex[byte >> 4U];
      out += kHex[byte & 0x0fU];
    } else {
      out += c;
    }
  }
  out += '"';
}

}  // namespace

HistoryChain::HistoryChain(soci::session& session, DatabaseKind kind, Instant at, std::string actor)
    : session_(session), kind_(kind), insert_(session) {
  long long head = 0;
  session_ << (kind == DatabaseKind::kSqlite ? kSelectHeadSqlite : kSelectHeadPostgres),
      soci::into(head), soci::into(event_.hash);
  seq_ = head;
  event_.seq = head;
  event_.at = at;
  at_ms_ = ToEpochMillis(at);
  event_.actor = std::move(actor);
  if (kind_ == DatabaseKind::kPostgresql) return;
  insert_ = (session_.prepare << kInsertEvent, soci::use(seq_, "seq"), soci::use(at_ms_, "at"),
             soci::use(event_.type, "type"), soci::use(event_.customer, "customer"),
             soci::use(event_.invoice, "invoice"), soci::use(event_.actor, "actor"),
             soci::use(event_.payload, "payload"), soci::use(event_.prev_hash, "prev_hash"),
             soci::use(event_.hash, "hash"));
}

void HistoryChain::Append(std::string_view type, const std::string& customer,
                          const std::string& invoice, std::string payload) {
  event_.prev_hash = std::move(event_.hash);
  event_.seq += 1;
  seq_ = event_.seq;
  event_.type = std::string(type);
  event_.customer = customer;
  event_.invoice = invoice;
  event_.payload = std::move(payload);
  event_.hash = HistoryHash(event_);
  ++appended_;
  if (kind_ == DatabaseKind::kSqlite) {
    insert_.execute(true);
    return;
  }
  // The row is written as JSON text directly: no JSON tree per event.
  pending_ += pending_count_ == 0 ? '[' : ',';
  pending_ += "{\"seq\":";
  pending_ += std::to_string(event_.seq);
  pending_ += ",\"at\":";
  pending_ += std::to_string(at_ms_);
  AppendJsonField(pending_, "type", event_.type);
  AppendJsonField(pending_, "customer", event_.customer);
  AppendJsonField(pending_, "invoice", event_.invoice);
  AppendJsonField(pending_, "actor", event_.actor);
  AppendJsonField(pending_, "payload", event_.payload);
  AppendJsonField(pending_, "prev_hash", event_.prev_hash);
  AppendJsonField(pending_, "hash", event_.hash);
  pending_ += '}';
  if (++pending_count_ >= kEventsPerStatement) Flush();
}

void HistoryChain::Flush() {
  if (pending_count_ == 0) return;
  pending_ += ']';
  session_ << kInsertEventsJson, soci::use(pending_, "rows");
  pending_.clear();
  pending_count_ = 0;
}

void HistoryChain::Close() {
  if (appended_ == 0) return;
  Flush();
  session_ << kUpdateHead, soci::use(seq_, "seq"), soci::use(event_.hash, "hash");
}

namespace {

struct EventRow {
  Event event;
  long long seq = 0;
  long long at = 0;
};

soci::statement PrepareEventSelect(soci::session& session, const char* sql, EventRow& row) {
  soci::statement select(session);
  select.exchange(soci::into(row.seq));
  select.exchange(soci::into(row.at));
  select.exchange(soci::into(row.event.type));
  select.exchange(soci::into(row.event.customer));
  select.exchange(soci::into(row.event.invoice));
  select.exchange(soci::into(row.event.actor));
  select.exchange(soci::into(row.event.payload));
  select.exchange(soci::into(row.event.prev_hash));
  select.exchange(soci::into(row.event.hash));
  (void)sql;
  return select;
}

Event Take(EventRow& row) {
  row.event.seq = row.seq;
  row.event.at = FromEpochMillis(row.at);
  return row.event;
}

// One page of events after seq `after` from `sql` (bound :after and :limit, and :customer when
// `customer` is set), fetching one more than `limit` to tell whether another page follows.
Page<Event> SelectEventPage(soci::session& session, const char* sql, const std::string* customer,
                            std::int64_t after, int limit) {
  EventRow row;
  long long after_seq = after;
  long long fetch = limit + 1;
  soci::statement select = PrepareEventSelect(session, sql, row);
  if (customer != nullptr) select.exchange(soci::use(*customer, "customer"));
  select.exchange(soci::use(after_seq, "after"));
  select.exchange(soci::use(fetch, "limit"));
  select.alloc();
  select.prepare(sql);
  select.define_and_bind();
  select.execute();
  Page<Event> page;
  while (select.fetch()) page.items.push_back(Take(row));
  if (page.items.size() > static_cast<std::size_t>(limit)) {
    page.items.pop_back();
    page.next_after = std::to_string(page.items.back().seq);
  }
  return page;
}

}  // namespace

Page<Event> ListCustomerEvents(soci::session& session, const std::string& customer,
                               std::int64_t after, int limit) {
  return SelectEventPage(session, kSelectCustomerEvents, &customer, after, limit);
}

Page<Event> ListEvents(soci::session& session, std::int64_t after, int limit) {
  return SelectEventPage(session, kSelectEvents, nullptr, after, limit);
}

HistoryVerdict VerifyHistory(soci::session& session) {
  HistoryVerdict verdict;
  long long head_seq = 0;
  std::string head_hash;
  session << kSelectHeadSqlite, soci::into(head_seq), soci::into(head_hash);
  EventRow row;
  long long after = 0;
  long long limit = kVerifyChunk;
  soci::statement select = PrepareEventSelect(session, kSelectEventChunk, row);
  select.exchange(soci::use(after, "after"));
  select.exchange(soci::use(head_seq, "head"));
  select.exchange(soci::use(limit, "limit"));
  select.alloc();
  select.prepare(kSelectEventChunk);
  select.define_and_bind();
  std::int64_t expected = 1;
  std::string previous_hash;
  auto fail = [&verdict](std::int64_t seq, std::string problem) {
    if (!verdict.intact) return;
    verdict.intact = false;
    verdict.first_bad_seq = seq;
    verdict.problem = std::move(problem);
  };
  auto check = [&](const Event& event) {
    ++verdict.events;
    if (event.seq != expected) {
      fail(expected, expected == 1 ? "the history does not start at seq 1"
                                   : "gap after " + std::to_string(expected - 1) +
                                         ": next event is " + std::to_string(event.seq));
    }
    if (event.prev_hash != previous_hash) {
      fail(event.seq, "prev_hash of " + std::to_string(event.seq) +
                          " does not match the hash of the event before it");
    }
    if (HistoryHash(event) != event.hash) {
      fail(event.seq, "hash mismatch at " + std::to_string(event.seq) + ": the event was altered");
    }
    previous_hash = event.hash;
    expected = event.seq + 1;
  };
  for (;;) {
    select.execute();
    bool any = false;
    while (select.fetch()) {
      any = true;
      const Event event = Take(row);
      after = event.seq;
      check(event);
    }
    if (!any) break;
  }
  verdict.head_hash = previous_hash;
  if (head_seq != expected - 1 || head_hash != previous_hash) {
    fail(expected, "the history ends at " + std::to_string(expected - 1) +
                       " but its head records " + std::to_string(head_seq) +
                       ": events were removed from the end or the head was altered");
  }
  return verdict;
}

}  // namespace duly::daemon
