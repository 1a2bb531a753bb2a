#include "tests/integration/engine_crash_book.h"

#include <algorithm>

namespace duly::testing {
namespace {

// Due dates run from Monday 2030-01-07 over 15 days; days 0..6 by customer, then +4 days per
// pair of invoices, so every customer has two pairs due on the same day and one invoice alone.
constexpr int kFirstDueDay = 7;  // January 2030
constexpr int kColleagues = 20;

std::string CustomerId(int customer) { return "K" + std::to_string(customer); }

std::string InvoiceId(int customer, int invoice) {
  return "F" + std::to_string(customer) + "-" + std::to_string(invoice);
}

bool IsBig(int customer, int invoice) { return (customer + invoice) % 3 == 0; }

std::string DueDate(int customer, int invoice) {
  int day = kFirstDueDay + customer % 7 + (invoice / 2) * 4;  // 7..21
  return (day < 10 ? "2030-01-0" : "2030-01-") + std::to_string(day);
}

}  // namespace

const std::vector<CrashStep>& CrashSteps() {
  static const std::vector<CrashStep> steps = {
      {"reminder-1", "message"},   {"courtesy-call", "call_task"},
      {"reminder-2", "message"},   {"tell-account-manager", "notification"},
      {"final-notice", "message"},
  };
  return steps;
}

std::vector<CrashInvoice> CrashInvoices(int customers, int invoices_per_customer) {
  std::vector<CrashInvoice> invoices;
  invoices.reserve(static_cast<std::size_t>(customers * invoices_per_customer));
  for (int c = 0; c < customers; ++c) {
    for (int i = 0; i < invoices_per_customer; ++i) {
      invoices.push_back({InvoiceId(c, i), CustomerId(c), IsBig(c, i)});
    }
  }
  return invoices;
}

std::string CrashSegmentsJson() {
  return R"({"segments": [{"id": "everyone", "priority": 1, "when": {}}]})";
}

// Steps at least four days apart, so that a 12-hour clock step never passes two moments of one
// invoice (which would skip the earlier as "overtaken"), even when quiet hours move the SMS or
// the call from a weekend to Monday 08:00.
std::string CrashWorkflowJson() {
  return R"({
  "id": "crash-standard",
  "name": "Crash test",
  "segment": "everyone",
  "steps": [
    { "id": "reminder-1", "at": "due+1d",
      "action": { "type": "message", "channel": "email", "template": "reminder-friendly" } },
    { "id": "courtesy-call", "at": "due+5d",
      "when": { "invoice.amount": { "gte": 5000 } },
      "action": { "type": "call_task", "script": "courtesy" } },
    { "id": "reminder-2", "at": "due+9d",
      "action": { "type": "message", "channel": "sms", "template": "reminder-second" } },
    { "id": "tell-account-manager", "at": "due+13d",
      "action": { "type": "notify_colleague", "to": "account_manager",
                  "template": "customer-at-final-notice" } },
    { "id": "final-notice", "at": "due+17d",
      "action": { "type": "message", "channel": "letter", "template": "final-notice" } }
  ]
})";
}

std::string CrashColleaguesCsv() {
  std::string csv = "id,name,role,department,email,notify\n";
  for (int c = 0; c < kColleagues; ++c) {
    csv += "am" + std::to_string(c) + ",Account Manager " + std::to_string(c) +
           ",colleague,sales,am" + std::to_string(c) + "@duly.example,email\n";
  }
  return csv;
}

std::string CrashCustomersCsv(int customers) {
  std::string csv =
      "id,name,kind,language,email,phone,account_manager,street,postal_code,city,country\n";
  for (int c = 0; c < customers; ++c) {
    std::string number = std::to_string(c);
    std::string phone =
        "+316" + std::string(8 - std::min<std::size_t>(8, number.size()), '0') + number;
    csv += CustomerId(c) + ",Klant " + std::to_string(c) + ",b2b,nl,k" + std::to_string(c) +
           "@klant.example," + phone + ",am" + std::to_string(c % kColleagues) + ",Dorpsstraat " +
           std::to_string(c % 200 + 1) + ",1234 AB,Utrecht,NL\n";
  }
  return csv;
}

std::string CrashInvoicesCsv(int customers, int invoices_per_customer) {
  std::string csv = "id,customer,issued,due,amount\n";
  for (int c = 0; c < customers; ++c) {
    for (int i = 0; i < invoices_per_customer; ++i) {
      csv += InvoiceId(c, i) + "," + CustomerId(c) + ",2029-12-01," + DueDate(c, i) + "," +
             (IsBig(c, i) ? "6250.00" : "1250.00") + "\n";
    }
  }
  return csv;
}

}  // namespace duly::testing
