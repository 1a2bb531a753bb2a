// duly::daemon::SeedReportSample: the fixed data set the report tests (store conformance and
// API) check against figures computed by hand. Test support only; header-only.
//
// Promise: on an empty migrated store, writes customers A, B, C; invoices A1 A2 B1 B2 C1 C2 and
// credit note CN1 (on A2) through the Store; payments P1 (A1, posted 2026-02-20T12:00Z), P2 (B1,
// posted 2026-03-15T12:00Z) and P3 (C1, value date before C1's issue date); and with SQL the
// rows no public method of this round writes: C2 written off at 2026-03-20T10:00Z, messages,
// tasks, promises and cases. The figures each test expects are written beside its assertions.
// Leaves the clock at 2026-03-31T12:00Z. Not thread-safe (tests).
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "daemon/store/connections.h"
#include "daemon/store/soci_store.h"

namespace duly::daemon {

inline Instant SampleAt(const char* day, int hour) {
  return Instant(CalendarDate(*ParseCalendarDate(day)) + std::chrono::hours(hour));
}

inline std::string SampleMillis(const char* day, int hour) {
  return std::to_string(ToEpochMillis(SampleAt(day, hour)));
}

inline void SeedReportSample(SociStore& store, ManualClock& clock) {
  const Actor actor{"test"};
  clock.Set(SampleAt("2026-01-01", 0));
  std::vector<Customer> customers;
  for (const char* id : {"A", "B", "C"}) {
    Customer customer;
    customer.id = id;
    customer.name = std::string("Customer ") + id;
    customers.push_back(customer);
  }
  ASSERT_TRUE(store.UpsertCustomers(customers, actor).has_value());
  auto invoice = [](const char* id, const char* customer, const char* issued, const char* due,
                    long long euros) {
    Invoice made;
    made.id = id;
    made.customer = customer;
    made.issued = *ParseCalendarDate(issued);
    made.due = *ParseCalendarDate(due);
    made.amount = Money::FromCents(euros * 100);
    return made;
  };
  std::vector<Invoice> invoices = {invoice("A1", "A", "2026-01-05", "2026-02-04", 1000),
                                   invoice("A2", "A", "2026-02-01", "2026-03-03", 500),
                                   invoice("B1", "B", "2026-01-10", "2026-01-24", 2000),
                                   invoice("B2", "B", "2026-03-01", "2026-03-31", 300),
                                   invoice("C1", "C", "2025-11-01", "2025-11-15", 800),
                                   invoice("C2", "C", "2026-01-15", "2026-02-14", 250)};
  Invoice credit = invoice("CN1", "A", "2026-03-10", "2026-03-10", 100);
  credit.kind = InvoiceKind::kCreditNote;
  credit.credits_invoice = "A2";
  invoices.push_back(credit);
  auto upserted = store.UpsertInvoices(invoices, actor);
  ASSERT_TRUE(upserted.has_value()) << upserted.error().message;
  auto pay = [&](const char* id, const char* customer, const char* received, const char* to,
                 long long euros, Instant posted) {
    Payment payment;
    payment.id = id;
    payment.customer = customer;
    payment.amount = Money::FromCents(euros * 100);
    payment.received = *ParseCalendarDate(received);
    payment.allocations = {{to, payment.amount}};
    clock.Set(posted);
    auto posted_payment = store.PostPayments({payment}, actor);
    ASSERT_TRUE(posted_payment.has_value()) << posted_payment.error().message;
  };
  pay("P3", "C", "2025-10-20", "C1", 300, SampleAt("2026-01-01", 1));
  pay("P1", "A", "2026-02-20", "A1", 1000, SampleAt("2026-02-20", 12));
  pay("P2", "B", "2026-03-15", "B1", 1200, SampleAt("2026-03-15", 12));

  auto lease = store.SharedConnections()->Writer();
  soci::session& sql = *lease;
  sql << "UPDATE invoices SET status = 'written_off', updated_at = " +
             SampleMillis("2026-03-20", 10) + " WHERE id = 'C2'";
  auto message = [&](const char* kind, const char* customer, const char* channel,
                     const char* template_id, const char* invoice_id, const char* state,
                     const std::string& sent_at) {
    sql << std::string(
               "INSERT INTO outbox_messages (recipient_kind, recipient, customer, channel,"
               " language, template, reason, case_id, local_day, state, due_at, lease_owner,"
               " lease_until, attempt, provider_id, last_error, items, fallbacks,"
               " needs_reconcile, delivery_error, created_at, sent_at) VALUES ('") +
               kind + "', '" + customer + "', '" + customer + "', '" + channel + "', 'nl', '" +
               template_id + "', '', '', '2026-03-01', '" + state +
               "', 0, '', 0, 1, 'x', '',"
               " '[{\"invoice\":\"" +
               invoice_id + "\",\"step\":\"s\",\"template\":\"" + template_id +
               "\"}]', '[]', 0, '', 0, " + sent_at + ")";
  };
  message("customer", "B", "email", "reminder-1", "B1", "sent", SampleMillis("2026-03-14", 9));
  message("customer", "A", "sms", "reminder-1", "A2", "sent", SampleMillis("2026-03-14", 9));
  message("customer", "C", "email", "reminder-2", "C2", "sent", SampleMillis("2026-02-01", 9));
  message("customer", "A", "email", "reminder-1", "A1", "sent", SampleMillis("2026-02-15", 9));
  message("customer", "B", "email", "reminder-1", "B1", "sent", SampleMillis("2026-03-01", 9));
  message("colleague", "B", "email", "reminder-1", "B1", "sent", SampleMillis("2026-03-14", 9));
  message("customer", "A", "email", "reminder-1", "A1", "failed", SampleMillis("2026-02-15", 9));
  auto task = [&](const char* kind, const char* customer, const char* day, const char* assignee,
                  const char* state, const char* outcome, const std::string& updated_at) {
    sql << std::string(
               "INSERT INTO tasks (kind, customer, local_day, script, items, detail, message,"
               " assignee, state, due_at, attempts, outcome, note, created_at, updated_at)"
               " VALUES ('") +
               kind + "', '" + customer + "', '" + day + "', '', '[]', '', 0, '" + assignee +
               "', '" + state + "', 0, 0, '" + outcome + "', '', 0, " + updated_at + ")";
  };
  task("call", "B", "2026-03-14", "K1", "done", "promise", SampleMillis("2026-03-14", 10));
  task("call", "A", "2026-03-02", "K1", "done", "reached", SampleMillis("2026-03-02", 10));
  task("call", "A", "2026-02-16", "K2", "done", "promise", SampleMillis("2026-02-16", 10));
  task("call", "C", "2026-03-20", "K2", "open", "", SampleMillis("2026-03-20", 10));
  task("failed_message", "C", "2026-03-05", "K2", "done", "", SampleMillis("2026-03-05", 10));
  auto promise = [&](const char* customer, const char* invoice_id, long long euros,
                     const char* promised_on, const char* state) {
    sql << std::string(
               "INSERT INTO promises (customer, invoice, amount, promised_on, state, created_at)"
               " VALUES ('") +
               customer + "', '" + invoice_id + "', " + std::to_string(euros * 100) + ", '" +
               promised_on + "', '" + state + "', 0)";
  };
  promise("B", "B1", 1200, "2026-03-20", "kept");
  promise("A", "A2", 400, "2026-03-25", "broken");
  promise("A", "A2", 400, "2026-03-28", "kept");
  promise("C", "C1", 500, "2026-03-29", "open");
  promise("C", "C1", 500, "2026-02-10", "broken");
  promise("B", "B2", 300, "2026-03-30", "cancelled");
  auto complaint = [&](const char* state, const std::string& deadline_at) {
    sql << std::string(
               "INSERT INTO cases (customer, invoice, category, department, assignee, state,"
               " deadline_at, created_at) VALUES ('A', 'A2', 'quality', 'sales', '', '") +
               state + "', " + deadline_at + ", 0)";
  };
  complaint("open", SampleMillis("2026-03-30", 12));       // overdue at 2026-03-31T12:00Z
  complaint("escalated", SampleMillis("2026-03-31", 20));  // within a day
  complaint("open", SampleMillis("2026-04-03", 12));       // within a week
  complaint("open", SampleMillis("2026-05-01", 12));       // later
  complaint("resolved", SampleMillis("2026-03-01", 12));   // closed: not counted
  clock.Set(SampleAt("2026-03-31", 12));
}

}  // namespace duly::daemon
