#include "daemon/store/promise_table.h"

#include <algorithm>
#include <map>

#include "daemon/store/bulk_ids.h"

namespace duly::daemon {
namespace {

constexpr const char* kInsert =
    "INSERT INTO promises (customer, invoice, amount, promised_on, state, created_at, source,"
    " note, open_at, recorded_by) VALUES (:customer, :invoice, :amount, :promised_on, 'open',"
    " :created_at, :source, :note, :open_at, :recorded_by) RETURNING id";
constexpr const char* kInsertInvoice =
    "INSERT INTO promise_invoices (promise, invoice) VALUES (:promise, :invoice)";
// The promises whose id the subquery (with :customer, :state, :limit) yields, with their
// invoices; newest first.
constexpr const char* kSelect =
    "SELECT p.id, p.customer, COALESCE(pi.invoice, p.invoice), p.amount, p.promised_on, p.state,"
    " p.created_at, p.source, p.note, p.open_at, p.recorded_by, COALESCE(p.closed_at, -1)"
    " FROM promises p LEFT JOIN promise_invoices pi ON pi.promise = p.id WHERE p.id IN (";
constexpr const char* kSelectTail = ") ORDER BY p.id DESC, pi.invoice";
// Filters of List(): "" matches any customer or state.
constexpr const char* kListIds =
    "SELECT id FROM promises WHERE (:customer = '' OR customer = :customer2) AND (:state = ''"
    " OR state = :state2) ORDER BY id DESC LIMIT :limit";
constexpr const char* kOneId =
    "SELECT id FROM promises WHERE id = :limit AND :customer = :customer2 AND :state = :state2";
constexpr const char* kOpenIds =
    "SELECT id FROM promises WHERE state = 'open' AND :customer = :customer2 AND :state ="
    " :state2 ORDER BY id LIMIT :limit";
constexpr const char* kLockOne = "SELECT id FROM promises WHERE id = :id FOR UPDATE";
constexpr const char* kClose =
    "UPDATE promises SET state = :state, closed_at = :at WHERE id = :id AND state = 'open'";
constexpr const char* kOpenAmount = "SELECT COALESCE(SUM(open_amount), 0) FROM invoices WHERE id";

}  // namespace

std::int64_t PromiseTable::Insert(const Promise& promise) {
  long long id = 0;
  long long amount = promise.amount.cents();
  long long open_at = promise.open_at.cents();
  long long created_at = ToEpochMillis(promise.created_at);
  const std::string promised_on = FormatCalendarDate(promise.promised_on);
  const std::string source = PromiseSourceName(promise.source);
  session_ << kInsert, soci::use(promise.customer, "customer"),
      soci::use(promise.invoices.front(), "invoice"), soci::use(amount, "amount"),
      soci::use(promised_on, "promised_on"), soci::use(created_at, "created_at"),
      soci::use(source, "source"), soci::use(promise.note, "note"), soci::use(open_at, "open_at"),
      soci::use(promise.recorded_by, "recorded_by"), soci::into(id);
  std::string invoice;
  soci::statement insert =
      (session_.prepare << kInsertInvoice, soci::use(id, "promise"), soci::use(invoice, "invoice"));
  for (const std::string& each : promise.invoices) {
    invoice = each;
    insert.execute(true);
  }
  return id;
}

std::vector<Promise> PromiseTable::Select(const std::string& ids_query, const std::string& customer,
                                          const std::string& state, long long limit, bool lock) {
  std::vector<Promise> found;
  std::map<long long, std::size_t> index;
  long long id = 0, amount = 0, created_at = 0, open_at = 0, closed_at = 0;
  std::string row_customer, invoice, promised_on, row_state, source, note, recorded_by;
  soci::statement select =
      (session_.prepare << std::string(kSelect) + ids_query + kSelectTail +
                               (lock && kind_ == DatabaseKind::kPostgresql ? " FOR UPDATE OF p"
                                                                           : ""),
       soci::into(id), soci::into(row_customer), soci::into(invoice), soci::into(amount),
       soci::into(promised_on), soci::into(row_state), soci::into(created_at), soci::into(source),
       soci::into(note), soci::into(open_at), soci::into(recorded_by), soci::into(closed_at),
       soci::use(customer, "customer"), soci::use(customer, "customer2"), soci::use(state, "state"),
       soci::use(state, "state2"), soci::use(limit, "limit"));
  select.execute();
  while (select.fetch()) {
    auto [at, fresh] = index.emplace(id, found.size());
    if (fresh) {
      Promise promise;
      promise.id = id;
      promise.customer = row_customer;
      promise.amount = Money::FromCents(amount);
      promise.promised_on = ParseCalendarDate(promised_on).value();
      promise.state = ParsePromiseState(row_state).value();
      promise.source = ParsePromiseSource(source).value();
      promise.note = note;
      promise.open_at = Money::FromCents(open_at);
      promise.recorded_by = recorded_by;
      promise.created_at = FromEpochMillis(created_at);
      if (closed_at >= 0) promise.closed_at = FromEpochMillis(closed_at);
      found.push_back(std::move(promise));
    }
    found[at->second].invoices.push_back(invoice);
  }
  return found;
}

std::optional<Promise> PromiseTable::Find(std::int64_t id, bool lock) {
  if (lock && kind_ == DatabaseKind::kPostgresql) {
    long long locked = id;
    session_ << kLockOne, soci::use(locked, "id"), soci::into(locked);
  }
  std::vector<Promise> found = Select(kOneId, "", "", id, false);
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<Promise> PromiseTable::List(const PromiseFilter& filter) {
  const std::string state = filter.state ? PromiseStateName(*filter.state) : "";
  return Select(kListIds, filter.customer, state, filter.limit, false);
}

std::vector<Promise> PromiseTable::Open() {
  std::vector<Promise> open = Select(kOpenIds, "", "", 100000, true);
  std::reverse(open.begin(), open.end());
  return open;
}

void PromiseTable::Close(std::int64_t id, PromiseState state, Instant at) {
  long long row = id;
  long long at_ms = ToEpochMillis(at);
  const std::string name = PromiseStateName(state);
  session_ << kClose, soci::use(name, "state"), soci::use(at_ms, "at"), soci::use(row, "id");
}

Money OpenAmount(soci::session& session, DatabaseKind kind,
                 const std::vector<std::string>& invoices) {
  long long sum = 0;
  long long row = 0;
  ForEachRowIn(
      session, kind, kOpenAmount, invoices, "", [&] { sum += row; }, soci::into(row));
  return Money::FromCents(sum);
}

}  // namespace duly::daemon
