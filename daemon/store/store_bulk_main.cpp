// duly_store_bulk: measures a bulk upsert through SociStore (not a test; run by hand).
//
//   duly_store_bulk DATABASE_URL [customers=100000] [invoices=1000000] [batch=10000]
//
// Creates `customers` customers, then `invoices` invoices spread over them in batches of
// `batch`, prints invoices per second and the time of each phase, then verifies the history.
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "daemon/store/soci_store.h"

int main(int argc, char** argv) {
  using duly::Money;
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DATABASE_URL [customers] [invoices] [batch]\n", argv[0]);
    return 2;
  }
  const long customers = argc > 2 ? std::stol(argv[2]) : 100000;
  const long invoices = argc > 3 ? std::stol(argv[3]) : 1000000;
  const long batch = argc > 4 ? std::stol(argv[4]) : 10000;
  auto url = duly::daemon::DatabaseUrl::Parse(argv[1]);
  if (!url) {
    std::fprintf(stderr, "%s\n", url.error().message.c_str());
    return 2;
  }
  duly::SystemClock clock;
  auto store = duly::daemon::OpenStore(*url, clock);
  if (!store) {
    std::fprintf(stderr, "%s\n", store.error().message.c_str());
    return 1;
  }
  const duly::Actor actor{"bench"};
  const auto start = std::chrono::steady_clock::now();
  for (long first = 0; first < customers; first += batch) {
    std::vector<duly::Customer> items;
    for (long i = first; i < std::min(customers, first + batch); ++i) {
      duly::Customer c;
      c.id = "C" + std::to_string(i);
      c.name = "Customer " + std::to_string(i);
      c.email = "c" + std::to_string(i) + "@example.nl";
      items.push_back(std::move(c));
    }
    auto result = (*store)->UpsertCustomers(items, actor);
    if (!result) {
      std::fprintf(stderr, "customers: %s\n", result.error().message.c_str());
      return 1;
    }
  }
  const auto customers_done = std::chrono::steady_clock::now();
  const auto issued = duly::ParseCalendarDate("2026-01-15").value();
  for (long first = 0; first < invoices; first += batch) {
    std::vector<duly::Invoice> items;
    items.reserve(static_cast<std::size_t>(batch));
    for (long i = first; i < std::min(invoices, first + batch); ++i) {
      duly::Invoice invoice;
      invoice.id = "INV-" + std::to_string(i);
      invoice.customer = "C" + std::to_string(i % customers);
      invoice.issued = issued;
      invoice.due = issued + date::days(30);
      invoice.amount = Money::FromCents(10000 + i % 5000);
      invoice.po_number = "PO" + std::to_string(i);
      items.push_back(std::move(invoice));
    }
    auto result = (*store)->UpsertInvoices(items, actor);
    if (!result) {
      std::fprintf(stderr, "invoices: %s\n", result.error().message.c_str());
      return 1;
    }
  }
  const auto end = std::chrono::steady_clock::now();
  const double customer_s = std::chrono::duration<double>(customers_done - start).count();
  const double invoice_s = std::chrono::duration<double>(end - customers_done).count();
  std::printf("customers: %ld in %.2f s; invoices: %ld in %.2f s = %.0f invoices/s\n", customers,
              customer_s, invoices, invoice_s, static_cast<double>(invoices) / invoice_s);
  auto verdict = (*store)->VerifyHistory();
  const double verify_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - end).count();
  if (!verdict) {
    std::fprintf(stderr, "verify: %s\n", verdict.error().message.c_str());
    return 1;
  }
  std::printf("verify-history: %lld events, intact=%d, in %.2f s\n",
              static_cast<long long>(verdict->events), verdict->intact ? 1 : 0, verify_s);
  return verdict->intact ? 0 : 1;
}
