#include "daemon/store/payment_table.h"

#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "daemon/store/bulk_ids.h"
#include "daemon/store/customer_table.h"
#include "daemon/store/invoice_balance.h"
#include "daemon/store/record_digest.h"
#include "daemon/store/store_error.h"

namespace duly::daemon {
namespace {

// Stored customers among those a batch names.
constexpr const char* kSelectCustomerIds = "SELECT id FROM customers WHERE id";
// Stored payments among a batch's ids, with the hash of what was posted.
constexpr const char* kSelectPaymentHashes = "SELECT id, request_hash FROM payments WHERE id";
// Insert a posted payment.
constexpr const char* kInsertPayment =
    "INSERT INTO payments (id, customer, amount, currency, received, method, reference,"
    " counterparty_name, counterparty_iban, remittance, unallocated, request_hash, created_at)"
    " VALUES (:id, :customer, :amount, :currency, :received, :method, :reference,"
    " :counterparty_name, :counterparty_iban, :remittance, :unallocated, :request_hash, :at)";
// Record one allocation of a payment to an invoice.
constexpr const char* kInsertAllocation =
    "INSERT INTO allocations (payment, invoice, amount, created_at)"
    " VALUES (:payment, :invoice, :amount, :at)";
// Columns read back into a Payment.
#define DULY_PAYMENT_COLUMNS                                                               \
  "SELECT id, customer, amount, currency, received, method, reference, counterparty_name," \
  " counterparty_iban, remittance FROM payments "
// One payment by id.
constexpr const char* kSelectPayment = DULY_PAYMENT_COLUMNS "WHERE id = :id";
// A page of all payments in id order.
constexpr const char* kSelectPaymentPage =
    DULY_PAYMENT_COLUMNS "WHERE id > :after ORDER BY id LIMIT :limit";
// A page of one customer's payments in id order.
constexpr const char* kSelectCustomerPaymentPage =
    DULY_PAYMENT_COLUMNS "WHERE customer = :customer AND id > :after ORDER BY id LIMIT :limit";
#undef DULY_PAYMENT_COLUMNS
// What a payment was applied to, in the order it was applied.
constexpr const char* kSelectAllocations =
    "SELECT invoice, amount FROM allocations WHERE payment = :payment ORDER BY id";

std::string RequestHash(const Payment& p) {
  RecordDigest digest;
  digest.Add(p.id).Add(p.customer).Add(p.amount.cents()).Add(p.currency);
  digest.Add(FormatCalendarDate(p.received)).Add(p.method).Add(p.reference);
  digest.Add(p.counterparty_name).Add(p.counterparty_iban).Add(p.remittance);
  digest.Add(static_cast<std::int64_t>(p.allocations.size()));
  for (const Allocation& allocation : p.allocations) {
    digest.Add(allocation.invoice).Add(allocation.amount.cents());
  }
  return digest.Finish();
}

// The bound columns of one payments row.
struct PaymentRow {
  std::string id, customer, currency, received, method, reference, counterparty_name,
      counterparty_iban, remittance, request_hash;
  long long amount = 0;
  long long unallocated = 0;

  void From(const Payment& p) {
    id = p.id;
    customer = p.customer;
    currency = p.currency;
    received = FormatCalendarDate(p.received);
    method = p.method;
    reference = p.reference;
    counterparty_name = p.counterparty_name;
    counterparty_iban = p.counterparty_iban;
    remittance = p.remittance;
    amount = p.amount.cents();
  }

  void BindRead(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(customer));
    st.exchange(soci::into(amount));
    for (std::string* column : {&currency, &received, &method, &reference, &counterparty_name,
                                &counterparty_iban, &remittance}) {
      st.exchange(soci::into(*column));
    }
  }

  Payment To() const {
    Payment p;
    p.id = id;
    p.customer = customer;
    p.amount = Money::FromCents(amount);
    p.currency = currency;
    p.received = ParseCalendarDate(received).value();
    p.method = method;
    p.reference = reference;
    p.counterparty_name = counterparty_name;
    p.counterparty_iban = counterparty_iban;
    p.remittance = remittance;
    return p;
  }
};

void Prepare(soci::statement& st, const char* sql) {
  st.alloc();
  st.prepare(sql);
  st.define_and_bind();
}

std::string Dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

Result<UpsertSummary> PaymentTable::Post(const std::vector<Payment>& payments,
                                         HistoryChain& chain) {
  std::vector<FieldError> errors;
  std::map<std::string, std::size_t> index_of;
  std::set<std::string> customers;
  std::vector<std::string> ids;
  std::vector<std::string> invoice_ids;
  for (std::size_t i = 0; i < payments.size(); ++i) {
    const std::string at = "/" + std::to_string(i);
    for (FieldError& error : Validate(payments[i])) {
      errors.push_back({at + error.field, std::move(error.message)});
    }
    if (auto [it, inserted] = index_of.emplace(payments[i].id, i); !inserted) {
      errors.push_back({at + "/id", "payment " + payments[i].id + " is also at /" +
                                        std::to_string(it->second) + " of this batch"});
    }
    customers.insert(payments[i].customer);
    ids.push_back(payments[i].id);
    for (const Allocation& allocation : payments[i].allocations) {
      invoice_ids.push_back(allocation.invoice);
    }
  }
  if (!errors.empty()) {
    return BatchError("payment", std::move(errors));
  }
  std::map<std::string, std::string> stored_hash;
  {
    const std::string sql = WithIdsIn(kind_, kSelectPaymentHashes);
    std::string json_ids = IdsJson(ids);
    std::string id;
    std::string hash;
    soci::statement select =
        (session_.prepare << sql, soci::into(id), soci::into(hash), soci::use(json_ids, "ids"));
    select.execute();
    while (select.fetch()) stored_hash.emplace(id, hash);
  }
  std::vector<std::string> request_hashes;
  for (const Payment& payment : payments) {
    request_hashes.push_back(RequestHash(payment));
    auto stored = stored_hash.find(payment.id);
    if (stored != stored_hash.end() && stored->second != request_hashes.back()) {
      return Conflict("payment " + payment.id +
                      " was posted before with other content; a payment cannot change");
    }
  }
  const auto known = ExistingIds(session_, kind_, kSelectCustomerIds,
                                 std::vector<std::string>(customers.begin(), customers.end()));
  const std::set<std::string> known_customers(known.begin(), known.end());
  std::map<std::string, InvoiceBalance> balances =
      LoadInvoiceBalances(session_, kind_, invoice_ids);
  std::set<std::string> loaded_open;  // customer + currency whose open invoices are loaded
  std::vector<std::vector<Allocation>> plans(payments.size());
  std::vector<long long> unallocated(payments.size(), 0);

  for (std::size_t i = 0; i < payments.size(); ++i) {
    const Payment& payment = payments[i];
    if (stored_hash.count(payment.id) != 0) continue;
    const std::string at = "/" + std::to_string(i);
    if (known_customers.count(payment.customer) == 0) {
      errors.push_back({at + "/customer", "customer " + payment.customer + " does not exist"});
      continue;
    }
    long long remaining = payment.amount.cents();
    if (!payment.allocations.empty()) {
      for (std::size_t j = 0; j < payment.allocations.size(); ++j) {
        const Allocation& allocation = payment.allocations[j];
        const std::string field = at + "/allocations/" + std::to_string(j);
        auto it = balances.find(allocation.invoice);
        if (it == balances.end()) {
          errors.push_back(
              {field + "/invoice", "invoice " + allocation.invoice + " does not exist"});
          continue;
        }
        InvoiceBalance& invoice = it->second;
        if (invoice.kind != "invoice") {
          errors.push_back(
              {field + "/invoice", allocation.invoice + " is a credit note; pay invoices only"});
        } else if (invoice.customer != payment.customer) {
          errors.push_back({field + "/invoice", "invoice " + allocation.invoice +
                                                    " belongs to customer " + invoice.customer});
        } else if (invoice.currency != payment.currency) {
          errors.push_back({field + "/invoice", "invoice " + allocation.invoice + " is in " +
                                                    invoice.currency + ", the payment in " +
                                                    payment.currency});
        } else if (allocation.amount.cents() > invoice.open) {
          errors.push_back({field + "/amount", "is more than the open amount " +
                                                   Money::FromCents(invoice.open).ToString() +
                                                   " of invoice " + allocation.invoice});
        } else {
          invoice.open -= allocation.amount.cents();
          remaining -= allocation.amount.cents();
          plans[i].push_back(allocation);
        }
      }
    } else {
      const std::string key = payment.customer + '\n' + payment.currency;
      if (loaded_open.insert(key).second) {
        for (auto& [id, balance] : LoadOpenInvoices(session_, payment.customer, payment.currency)) {
          balances.emplace(id, balance);
        }
      }
      std::vector<std::pair<std::string, InvoiceBalance*>> candidates;
      for (auto& [id, balance] : balances) {
        if (balance.customer == payment.customer && balance.currency == payment.currency &&
            balance.kind == "invoice" && balance.open > 0 && balance.status == "open") {
          candidates.emplace_back(id, &balance);
        }
      }
      std::sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) {
        return a.second->due != b.second->due ? a.second->due < b.second->due : a.first < b.first;
      });
      for (auto& [id, balance] : candidates) {
        if (remaining == 0) break;
        const long long take = std::min(remaining, balance->open);
        balance->open -= take;
        remaining -= take;
        plans[i].push_back({id, Money::FromCents(take)});
      }
    }
    unallocated[i] = remaining;
  }
  if (!errors.empty()) {
    return BatchError("payment", std::move(errors));
  }

  UpsertSummary summary;
  const long long now = ToEpochMillis(chain.at());
  PaymentRow row;
  std::string invoice_id;
  long long amount = 0;
  soci::statement insert =
      (session_.prepare << kInsertPayment, soci::use(row.id, "id"),
       soci::use(row.customer, "customer"), soci::use(row.amount, "amount"),
       soci::use(row.currency, "currency"), soci::use(row.received, "received"),
       soci::use(row.method, "method"), soci::use(row.reference, "reference"),
       soci::use(row.counterparty_name, "counterparty_name"),
       soci::use(row.counterparty_iban, "counterparty_iban"),
       soci::use(row.remittance, "remittance"), soci::use(row.unallocated, "unallocated"),
       soci::use(row.request_hash, "request_hash"), soci::use(now, "at"));
  soci::statement allocate =
      (session_.prepare << kInsertAllocation, soci::use(row.id, "payment"),
       soci::use(invoice_id, "invoice"), soci::use(amount, "amount"), soci::use(now, "at"));
  BalanceWriter writer(session_);
  for (std::size_t i = 0; i < payments.size(); ++i) {
    const Payment& payment = payments[i];
    if (stored_hash.count(payment.id) != 0) {
      ++summary.unchanged;
      continue;
    }
    row.From(payment);
    row.unallocated = unallocated[i];
    row.request_hash = request_hashes[i];
    insert.execute(true);
    ++summary.created;
    stored_hash.emplace(payment.id, row.request_hash);
    nlohmann::json applied = nlohmann::json::array();
    for (const Allocation& allocation : plans[i]) {
      applied.push_back({{"invoice", allocation.invoice}, {"amount", allocation.amount.cents()}});
    }
    chain.Append("payment.posted", payment.customer, "",
                 Dump({{"amount", row.amount},
                       {"currency", row.currency},
                       {"received", row.received},
                       {"allocations", applied},
                       {"unallocated", row.unallocated}}));
    for (const Allocation& allocation : plans[i]) {
      invoice_id = allocation.invoice;
      amount = allocation.amount.cents();
      allocate.execute(true);
      // The balance holds the open amount after every allocation of this batch: the final
      // value, so writing it once per allocation is harmless.
      InvoiceBalance& balance = balances.at(invoice_id);
      balance.status = SettledStatus(balance, false);
      writer.Save(invoice_id, balance, now);
      chain.Append("invoice.allocated", payment.customer, invoice_id,
                   Dump({{"payment", payment.id},
                         {"amount", amount},
                         {"open_amount", balance.open},
                         {"status", balance.status}}));
    }
  }
  return summary;
}

std::optional<Payment> PaymentTable::Find(const std::string& id) {
  PaymentRow row;
  soci::statement select(session_);
  row.BindRead(select);
  select.exchange(soci::use(id, "id"));
  Prepare(select, kSelectPayment);
  select.execute();
  if (!select.fetch()) return std::nullopt;
  Payment payment = row.To();
  std::string invoice;
  long long amount = 0;
  soci::statement allocations = (session_.prepare << kSelectAllocations, soci::into(invoice),
                                 soci::into(amount), soci::use(id, "payment"));
  allocations.execute();
  while (allocations.fetch()) payment.allocations.push_back({invoice, Money::FromCents(amount)});
  return payment;
}

Page<Payment> PaymentTable::List(const std::string& customer, const std::string& after, int limit) {
  PaymentRow row;
  long long fetch = limit + 1;
  std::vector<std::string> ids;
  {
    soci::statement select(session_);
    row.BindRead(select);
    if (!customer.empty()) select.exchange(soci::use(customer, "customer"));
    select.exchange(soci::use(after, "after"));
    select.exchange(soci::use(fetch, "limit"));
    Prepare(select, customer.empty() ? kSelectPaymentPage : kSelectCustomerPaymentPage);
    select.execute();
    while (select.fetch()) ids.push_back(row.id);
  }
  Page<Payment> page;
  if (ids.size() > static_cast<std::size_t>(limit)) {
    ids.pop_back();
    page.next_after = ids.back();
  }
  for (const std::string& id : ids) {
    if (auto payment = Find(id)) page.items.push_back(std::move(*payment));
  }
  return page;
}

}  // namespace duly::daemon
