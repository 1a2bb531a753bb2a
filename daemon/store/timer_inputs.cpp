#include "daemon/store/timer_inputs.h"

#include <functional>
#include <map>
#include <set>

#include "daemon/store/bulk_ids.h"
#include "daemon/store/collection_holds.h"
#include "daemon/store/customer_table.h"
#include "daemon/store/invoice_table.h"
#include "daemon/store/timer_table.h"

namespace duly::daemon {
namespace {

// Channels the batch's customers opted out of (completed by WithIdsIn).
constexpr const char* kSelectOptOuts =
    "SELECT customer, channel FROM channel_opt_outs WHERE customer";
// customer.open_amount (completed by WithIdsIn, then grouped).
constexpr const char* kSelectOpenAmounts =
    "SELECT customer, CAST(SUM(open_amount) AS BIGINT) FROM invoices"
    " WHERE kind = 'invoice' AND status = 'open' AND customer";
// customer.revenue_rank_12m (completed by WithIdsIn).
constexpr const char* kSelectRevenueRanks =
    "SELECT customer, rank_12m FROM (SELECT customer, RANK() OVER (ORDER BY SUM(amount) DESC)"
    " AS rank_12m FROM invoices WHERE kind = 'invoice' AND issued > :since AND issued <= :today"
    " GROUP BY customer) AS ranked WHERE customer";
// customer.avg_days_late: due date and last payment date of each paid invoice (then grouped).
constexpr const char* kSelectPaidInvoices =
    "SELECT i.customer, i.due, MAX(p.received) FROM invoices i"
    " JOIN allocations a ON a.invoice = i.id JOIN payments p ON p.id = a.payment"
    " WHERE i.kind = 'invoice' AND i.status = 'paid' AND i.customer";
// customer.promise_kept_ratio (completed by WithIdsIn, then grouped).
constexpr const char* kSelectPromiseCounts =
    "SELECT customer, state, COUNT(*) FROM promises WHERE state IN ('kept', 'broken') AND customer";
// customer.open_disputes (completed by WithIdsIn, then grouped).
constexpr const char* kSelectOpenDisputes =
    "SELECT customer, COUNT(*) FROM cases WHERE state IN ('open', 'escalated') AND customer";

bool Wants(const FactRequest& facts, std::string_view name) {
  return facts.names.find(name) != facts.names.end();
}

// The aggregate facts of each customer in `customers`.
std::map<std::string, Facts> ReadFacts(soci::session& session, DatabaseKind kind,
                                       const std::vector<std::string>& customers, Instant now,
                                       const FactRequest& request) {
  std::map<std::string, Facts> facts;
  for (const std::string& customer : customers) facts[customer];
  std::string customer;
  long long number = 0;
  const CalendarDate today = std::chrono::floor<date::days>(now);
  const std::string today_text = FormatCalendarDate(today);
  const std::string since = FormatCalendarDate(today - date::days(365));
  if (Wants(request, "customer.open_amount")) {
    for (auto& [id, set] : facts) set.SetMoney("customer.open_amount", Money::FromCents(0));
    ForEachRowIn(
        session, kind, kSelectOpenAmounts, customers, " GROUP BY customer",
        [&] { facts[customer].SetMoney("customer.open_amount", Money::FromCents(number)); },
        soci::into(customer), soci::into(number));
  }
  if (Wants(request, "customer.revenue_rank_12m")) {
    const std::string sql = WithIdsIn(kind, kSelectRevenueRanks);
    const std::string json_ids = IdsJson(customers);
    soci::statement select(session);
    select.exchange(soci::into(customer));
    select.exchange(soci::into(number));
    select.exchange(soci::use(since, "since"));
    select.exchange(soci::use(today_text, "today"));
    select.exchange(soci::use(json_ids, "ids"));
    select.alloc();
    select.prepare(sql, soci::details::st_one_time_query);
    select.define_and_bind();
    select.execute();
    while (select.fetch()) facts[customer].SetInteger("customer.revenue_rank_12m", number);
  }
  if (Wants(request, "customer.avg_days_late")) {
    std::map<std::string, std::pair<double, int>> late;  // customer -> (sum of days, count)
    std::string due;
    std::string received;
    ForEachRowIn(
        session, kind, kSelectPaidInvoices, customers, " GROUP BY i.customer, i.id, i.due",
        [&] {
          if (received <= since || received > today_text) return;
          auto due_day = ParseCalendarDate(due);
          auto paid_day = ParseCalendarDate(received);
          if (!due_day || !paid_day) return;
          auto& [sum, count] = late[customer];
          sum += static_cast<double>((*paid_day - *due_day).count());
          ++count;
        },
        soci::into(customer), soci::into(due), soci::into(received));
    for (const auto& [id, totals] : late) {
      facts[id].SetNumber("customer.avg_days_late", totals.first / totals.second);
    }
  }
  if (Wants(request, "customer.promise_kept_ratio")) {
    std::map<std::string, std::pair<long long, long long>> promises;  // (kept, broken)
    std::string state;
    ForEachRowIn(
        session, kind, kSelectPromiseCounts, customers, " GROUP BY customer, state",
        [&] {
          auto& [kept, broken] = promises[customer];
          (state == "kept" ? kept : broken) += number;
        },
        soci::into(customer), soci::into(state), soci::into(number));
    for (const auto& [id, counts] : promises) {
      const long long total = counts.first + counts.second;
      if (total > 0) {
        facts[id].SetNumber("customer.promise_kept_ratio",
                            static_cast<double>(counts.first) / static_cast<double>(total));
      }
    }
  }
  if (Wants(request, "customer.open_disputes")) {
    for (auto& [id, set] : facts) set.SetInteger("customer.open_disputes", 0);
    ForEachRowIn(
        session, kind, kSelectOpenDisputes, customers, " GROUP BY customer",
        [&] { facts[customer].SetInteger("customer.open_disputes", number); }, soci::into(customer),
        soci::into(number));
  }
  return facts;
}

}  // namespace

std::vector<TimerInput> ReadTimerInputs(soci::session& session, DatabaseKind kind,
                                        const std::vector<Timer>& timers, Instant now,
                                        const FactRequest& facts) {
  std::vector<std::string> invoice_ids;
  for (const Timer& timer : timers) invoice_ids.push_back(timer.invoice);
  std::map<std::string, Invoice> invoices;
  std::set<std::string> customer_set;
  for (Invoice& invoice : InvoiceTable(session, kind).FindMany(invoice_ids)) {
    customer_set.insert(invoice.customer);
    invoices.emplace(invoice.id, std::move(invoice));
  }
  const std::vector<std::string> customer_ids(customer_set.begin(), customer_set.end());
  std::map<std::string, Customer> customers;
  for (Customer& customer : CustomerTable(session, kind).FindMany(customer_ids)) {
    customers.emplace(customer.id, std::move(customer));
  }
  std::map<std::string, Instance> instances = TimerTable(session, kind).Instances(invoice_ids);

  std::map<std::string, CollectionHold> holds = ReadCollectionHolds(session, kind, invoice_ids);
  std::string text;
  std::map<std::string, std::set<std::string>> opted_out;
  std::string customer;
  ForEachRowIn(
      session, kind, kSelectOptOuts, customer_ids, "", [&] { opted_out[customer].insert(text); },
      soci::into(customer), soci::into(text));
  std::map<std::string, Facts> customer_facts = ReadFacts(session, kind, customer_ids, now, facts);

  std::vector<TimerInput> inputs;
  inputs.reserve(timers.size());
  for (const Timer& timer : timers) {
    TimerInput input;
    input.timer = timer;
    if (auto found = invoices.find(timer.invoice); found != invoices.end()) {
      input.invoice = found->second;
      if (auto owner = customers.find(found->second.customer); owner != customers.end()) {
        input.customer = owner->second;
      }
      input.facts = customer_facts[found->second.customer];
      input.opted_out = opted_out[found->second.customer];
    }
    if (auto found = instances.find(timer.invoice); found != instances.end()) {
      input.instance = found->second;
    }
    if (auto found = holds.find(timer.invoice); found != holds.end()) input.hold = found->second;
    inputs.push_back(std::move(input));
  }
  return inputs;
}

}  // namespace duly::daemon
