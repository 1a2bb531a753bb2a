// duly_store_fire: measures TimerStore::FireDueTimers through SociStore (not a test; run by
// hand).
//
//   duly_store_fire DATABASE_URL [invoices=100000] [batch=500] [customers=1000] [every=10]
//
// Creates `customers` customers and `invoices` open invoices (each gets its start timer), then
// fires every timer in batches of `batch` with a decision shaped like a real step: it upserts the
// instance, schedules the next step a year later, records one step run and one event, and every
// `every`th invoice queues an e-mail (0: none; bundled per customer and day). Prints timers
// fired per second.
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "daemon/store/soci_store.h"

int main(int argc, char** argv) {
  using namespace duly;
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DATABASE_URL [invoices] [batch] [customers]\n", argv[0]);
    return 2;
  }
  const long invoices = argc > 2 ? std::stol(argv[2]) : 100000;
  const int batch = argc > 3 ? std::stoi(argv[3]) : 500;
  const long customers = argc > 4 ? std::stol(argv[4]) : 1000;
  const long every = argc > 5 ? std::stol(argv[5]) : 10;
  auto url = daemon::DatabaseUrl::Parse(argv[1]);
  if (!url) {
    std::fprintf(stderr, "%s\n", url.error().message.c_str());
    return 2;
  }
  SystemClock clock;
  auto store = daemon::OpenStore(*url, clock);
  if (!store) {
    std::fprintf(stderr, "%s\n", store.error().message.c_str());
    return 1;
  }
  const Actor actor{"bench"};
  std::vector<Customer> people;
  for (long i = 0; i < customers; ++i) {
    Customer c;
    c.id = "C" + std::to_string(i);
    c.name = "Customer " + std::to_string(i);
    c.email = "c" + std::to_string(i) + "@example.nl";
    people.push_back(std::move(c));
  }
  if (auto result = (*store)->UpsertCustomers(people, actor); !result) {
    std::fprintf(stderr, "customers: %s\n", result.error().message.c_str());
    return 1;
  }
  const auto issued = ParseCalendarDate("2026-01-15").value();
  for (long first = 0; first < invoices; first += 10000) {
    std::vector<Invoice> items;
    for (long i = first; i < std::min(invoices, first + 10000); ++i) {
      Invoice invoice;
      invoice.id = "INV-" + std::to_string(i);
      invoice.customer = "C" + std::to_string(i % customers);
      invoice.issued = issued;
      invoice.due = issued + date::days(30);
      invoice.amount = Money::FromCents(10000 + i % 5000);
      items.push_back(std::move(invoice));
    }
    if (auto result = (*store)->UpsertInvoices(items, actor); !result) {
      std::fprintf(stderr, "invoices: %s\n", result.error().message.c_str());
      return 1;
    }
  }
  const Instant now = clock.Now() + std::chrono::seconds(1);
  const Instant next_year = now + std::chrono::hours(24 * 365);
  const CalendarDate day = std::chrono::floor<date::days>(now);
  long counter = 0;
  auto decide = [&](const TimerInput& input, const TimerBatch&) {
    TimerOutcome outcome;
    outcome.timer_id = input.timer.id;
    outcome.invoice = input.timer.invoice;
    outcome.customer = input.invoice->customer;
    outcome.instance = Instance{outcome.invoice,        outcome.customer, "b2b", "standard", 1,
                                InstanceState::kActive, "reminder-1",     ""};
    outcome.next = NextTimer{TimerKind::kStep, "reminder-1", next_year};
    outcome.runs = {{"standard", 1, "start", "ran"}};
    outcome.events = {{"step.ran", "{\"step\":\"start\",\"version\":1}"}};
    if (every > 0 && ++counter % every == 0) {
      outcome.messages = {{outcome.customer,
                           "email",
                           "reminder-friendly",
                           "nl",
                           outcome.invoice,
                           "start",
                           day,
                           now,
                           {}}};
    }
    return outcome;
  };
  const auto start = std::chrono::steady_clock::now();
  long fired = 0;
  for (;;) {
    auto report = (*store)->FireDueTimers(now, batch, {}, false, decide);
    if (!report) {
      std::fprintf(stderr, "fire: %s\n", report.error().message.c_str());
      return 1;
    }
    if (report->fired == 0) break;
    fired += report->fired;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("fired %ld timers in batches of %d in %.2f s = %.0f timers/s; %lld pending\n", fired,
              batch, seconds, static_cast<double>(fired) / seconds,
              static_cast<long long>(*(*store)->PendingTimers()));
  return 0;
}
