#include "daemon/cli/demo_data.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "workflows/payment_reference.h"

namespace duly::daemon {
namespace {

// The issue's segments, and one workflow per segment.
constexpr const char* kSegments = R"({ "segments": [
  { "id": "key-accounts", "priority": 1, "when": { "customer.tags": { "contains": "key-account" } } },
  { "id": "late-payers",  "priority": 2, "when": { "customer.avg_days_late": { "gt": 15 } } },
  { "id": "consumers",    "priority": 3, "when": { "customer.kind": { "eq": "b2c" } } },
  { "id": "b2b-standard", "priority": 9, "when": {} }
] })";

constexpr std::array<const char*, 4> kWorkflows = {
    R"({
  "id": "b2b-standard",
  "name": "B2B standard",
  "segment": "b2b-standard",
  "steps": [
    { "id": "courtesy-call", "at": "due-5d",
      "when": { "invoice.amount": { "gte": 5000 } },
      "action": { "type": "call_task", "script": "courtesy" } },
    { "id": "reminder-1", "at": "due+3d",
      "action": { "type": "message", "channel": "preferred", "template": "reminder-friendly" } },
    { "id": "reminder-2", "at": "due+10d",
      "action": { "type": "message", "channel": ["whatsapp", "sms", "email"], "template": "reminder-second" } },
    { "id": "follow-up-call", "at": "due+17d",
      "action": { "type": "call_task", "script": "follow-up" } },
    { "id": "final-notice", "at": "due+24d",
      "action": { "type": "message", "channel": "letter", "template": "final-notice" } },
    { "id": "tell-account-manager", "at": "due+24d",
      "action": { "type": "notify_colleague", "to": "account_manager", "template": "customer-at-final-notice" } },
    { "id": "handover", "at": "due+45d",
      "action": { "type": "handover", "agency": "default" } }
  ]
})",
    R"({
  "id": "key-accounts",
  "name": "Key accounts: personal and patient",
  "segment": "key-accounts",
  "steps": [
    { "id": "courtesy-call", "at": "due-5d",
      "action": { "type": "call_task", "script": "courtesy" } },
    { "id": "reminder-1", "at": "due+7d",
      "action": { "type": "message", "channel": "preferred", "template": "reminder-friendly" } },
    { "id": "follow-up-call", "at": "due+14d",
      "action": { "type": "call_task", "script": "follow-up" } },
    { "id": "reminder-2", "at": "due+21d",
      "action": { "type": "message", "channel": ["email", "letter"], "template": "reminder-second" } },
    { "id": "tell-account-manager", "at": "due+30d",
      "action": { "type": "notify_colleague", "to": "account_manager", "template": "customer-at-final-notice" } }
  ]
})",
    R"({
  "id": "late-payers",
  "name": "Late payers: early and firm",
  "segment": "late-payers",
  "steps": [
    { "id": "reminder-1", "at": "due+1d",
      "action": { "type": "message", "channel": "preferred", "template": "reminder-friendly" } },
    { "id": "reminder-2", "at": "due+7d",
      "action": { "type": "message", "channel": ["whatsapp", "sms", "email"], "template": "reminder-second" } },
    { "id": "follow-up-call", "at": "due+10d",
      "action": { "type": "call_task", "script": "follow-up" } },
    { "id": "final-notice", "at": "due+17d",
      "action": { "type": "message", "channel": "letter", "template": "final-notice" } },
    { "id": "handover", "at": "due+35d",
      "action": { "type": "handover", "agency": "default" } }
  ]
})",
    R"({
  "id": "consumers",
  "name": "Consumers: friendly reminders",
  "segment": "consumers",
  "steps": [
    { "id": "reminder-1", "at": "due+3d",
      "action": { "type": "message", "channel": "preferred", "template": "reminder-friendly" } },
    { "id": "reminder-2", "at": "due+14d",
      "action": { "type": "message", "channel": ["sms", "email"], "template": "reminder-second" } },
    { "id": "final-notice", "at": "due+28d",
      "action": { "type": "message", "channel": ["email", "letter"], "template": "final-notice" } }
  ]
})"};

struct DemoColleague {
  const char* id;
  const char* name;
  const char* role;
  const char* department;
  const char* manager;
  const char* phone;
};

constexpr std::array<DemoColleague, 6> kColleagues = {{
    {"marieke.bos", "Marieke Bos", "manager", "credit", "", "+31612345001"},
    {"tom.peeters", "Tom Peeters", "collector", "credit", "marieke.bos", "+32470123402"},
    {"ellen.janssens", "Ellen Janssens", "colleague", "billing", "marieke.bos", ""},
    {"pieter.dewit", "Pieter de Wit", "manager", "sales", "", "+31612345004"},
    {"sanne.visser", "Sanne Visser", "colleague", "sales", "pieter.dewit", "+31612345005"},
    {"koen.maes", "Koen Maes", "colleague", "operations", "pieter.dewit", ""},
}};

struct DemoCustomer {
  const char* name;
  bool b2b;
  const char* language;
  const char* street;
  const char* postal_code;
  const char* city;
  const char* country;  // NL or BE
  const char* mail_domain;
  const char* tags;  // '|'-separated, may be empty
};

constexpr std::array<DemoCustomer, 25> kCustomers = {{
    {"Bakkerij De Korenschoof B.V.", true, "nl", "Oudegracht 112", "3511 AW", "Utrecht", "NL",
     "korenschoof.nl", "key-account|horeca"},
    {"Van der Meer Installatietechniek", true, "nl", "Industrieweg 14", "3044 AS", "Rotterdam",
     "NL", "vdmeer-installatie.nl", ""},
    {"Groothandel Hendriks & Zn.", true, "nl", "Kanaaldijk 7", "5683 CR", "Best", "NL",
     "hendriks-groothandel.nl", "key-account"},
    {"Brasserie Het Zuiden", true, "nl", "Stratumseind 33", "5611 ET", "Eindhoven", "NL",
     "hetzuiden.nl", "horeca"},
    {"De Vries Bouw B.V.", true, "nl", "Havenstraat 21", "1506 PK", "Zaandam", "NL",
     "devriesbouw.nl", ""},
    {"Jansen Fietsen", true, "nl", "Damstraat 4", "9711 LA", "Groningen", "NL", "jansenfietsen.nl",
     ""},
    {"Kapsalon Mooi", true, "nl", "Langestraat 88", "7511 HC", "Enschede", "NL", "kapsalonmooi.nl",
     ""},
    {"Tuincentrum Bloei", true, "nl", "Rijksweg 160", "6581 EP", "Malden", "NL", "bloei.nl",
     "seasonal"},
    {"Sophie Bakker", false, "nl", "Lindenlaan 3", "2341 GD", "Oegstgeest", "NL", "", ""},
    {"Daan Smit", false, "nl", "Prinsengracht 401-2", "1016 HM", "Amsterdam", "NL", "", ""},
    {"Lotte de Graaf", false, "en", "Wilhelminapark 12", "5041 EC", "Tilburg", "NL", "", ""},
    {"Mohamed El Amrani", false, "nl", "Vlietweg 55", "2266 KA", "Leidschendam", "NL", "", ""},
    {"Noordzee Logistics B.V.", true, "en", "Europaweg 900", "3199 LC", "Maasvlakte", "NL",
     "noordzeelogistics.com", "key-account|export"},
    {"Brouwerij Het Anker NV", true, "nl", "Guido Gezellelaan 49", "2800", "Mechelen", "BE",
     "hetanker.be", "key-account|horeca"},
    {"Boulangerie Dupont SPRL", true, "fr", "Rue Haute 210", "1000", "Bruxelles", "BE",
     "boulangerie-dupont.be", "horeca"},
    {"Garage Claes BV", true, "nl", "Turnhoutsebaan 305", "2140", "Borgerhout", "BE",
     "garageclaes.be", ""},
    {"Imprimerie Lambert SA", true, "fr", "Rue de Fer 18", "5000", "Namur", "BE",
     "imprimerie-lambert.be", ""},
    {"Vandenberghe Transport NV", true, "nl", "Kortrijksesteenweg 1120", "9051", "Gent", "BE",
     "vandenberghe-transport.be", "key-account"},
    {"Architectenbureau Wouters", true, "nl", "Meir 24", "2000", "Antwerpen", "BE",
     "wouters-architecten.be", ""},
    {"Pharmacie Lejeune", true, "fr", "Place du Marché 6", "4000", "Liège", "BE",
     "pharmacie-lejeune.be", ""},
    {"Flanders Food Trading BV", true, "en", "Brugsesteenweg 77", "8500", "Kortrijk", "BE",
     "flandersfood.be", "export"},
    {"Lien Vermeulen", false, "nl", "Diestsestraat 140", "3000", "Leuven", "BE", "", ""},
    {"Julien Dubois", false, "fr", "Avenue Louise 331", "1050", "Ixelles", "BE", "", ""},
    {"Emma Goossens", false, "nl", "Hoogstraat 12", "3600", "Genk", "BE", "", ""},
    {"Camille Martin", false, "fr", "Rue Saint-Gilles 44", "4000", "Liège", "BE", "", ""},
}};

// Days before `today` that the n-th invoice of a customer was issued.
constexpr std::array<int, 4> kIssuedDaysAgo = {96, 58, 33, 6};

std::string Padded(std::uint64_t number, std::size_t width) {
  std::string digits = std::to_string(number);
  if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
  return digits;
}

// An IBAN with valid check digits for `country` and an all-digit or letters+digits BBAN.
std::string MakeIban(std::string_view country, const std::string& bban) {
  int remainder = 0;
  auto feed = [&](char c) {
    if (c >= '0' && c <= '9') {
      remainder = (remainder * 10 + (c - '0')) % 97;
    } else {
      remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
    }
  };
  for (char c : bban) feed(c);
  for (char c : country) feed(c);
  feed('0');
  feed('0');
  return std::string(country) + Padded(static_cast<std::uint64_t>(98 - remainder), 2) + bban;
}

// A Belgian BBAN: 10 digits and their mod-97 check (97 when the remainder is 0).
std::string BelgianAccount(std::uint64_t ten_digits) {
  const std::uint64_t check = ten_digits % 97 == 0 ? 97 : ten_digits % 97;
  return Padded(ten_digits, 10) + Padded(check, 2);
}

std::string Slug(std::string_view name) {
  std::string slug;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') slug += static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) slug += c;
    if (c == ' ' && !slug.empty() && slug.back() != '.') slug += '.';
  }
  return slug;
}

std::vector<std::string> SplitTags(std::string_view tags) {
  std::vector<std::string> items;
  while (!tags.empty()) {
    const std::size_t bar = tags.find('|');
    items.emplace_back(tags.substr(0, bar));
    if (bar == std::string_view::npos) break;
    tags.remove_prefix(bar + 1);
  }
  return items;
}

Customer MakeCustomer(const DemoCustomer& demo, std::size_t index) {
  const bool dutch = std::string_view(demo.country) == "NL";
  const auto serial = static_cast<std::uint64_t>(index + 1);
  Customer customer;
  customer.id = "C-" + Padded(1000 + serial, 4);
  customer.name = demo.name;
  customer.kind = demo.b2b ? CustomerKind::kB2b : CustomerKind::kB2c;
  customer.language = demo.language;
  customer.email = demo.b2b ? "facturen@" + std::string(demo.mail_domain)
                            : Slug(demo.name) + "@" + (dutch ? "ziggo.nl" : "telenet.be");
  if (demo.b2b && !dutch) {
    customer.email = std::string(demo.language) == "fr"
                         ? "comptabilite@" + std::string(demo.mail_domain)
                         : "boekhouding@" + std::string(demo.mail_domain);
  }
  customer.phone = dutch ? "+316" + Padded(20000000 + serial * 7919, 8)
                         : "+324" + Padded(70000000 + serial * 6029, 8);
  customer.whatsapp = !demo.b2b;
  customer.preferred_channels = demo.b2b ? std::vector<std::string>{"email", "letter"}
                                         : std::vector<std::string>{"email", "whatsapp", "sms"};
  customer.account_manager = index % 3 == 0 ? "sanne.visser" : "";
  if (std::string_view(demo.tags).find("key-account") != std::string_view::npos) {
    customer.account_manager = "pieter.dewit";
  }
  customer.tags = SplitTags(demo.tags);
  customer.address = {demo.street, demo.postal_code, demo.city, demo.country};
  if (demo.b2b) {
    customer.vat_number = dutch ? "NL" + Padded(800000000 + serial * 1237, 9) + "B01"
                                : "BE0" + Padded(400000000 + serial * 4451, 9);
    customer.credit_limit = Money::FromCents(
        customer.tags.empty() ? 1000000 : 5000000 + static_cast<std::int64_t>(serial) * 100000);
  }
  customer.iban = dutch ? MakeIban("NL", (index % 2 == 0 ? "RABO" : "INGB") +
                                             Padded(300000000 + serial * 104729, 10))
                        : MakeIban("BE", BelgianAccount(7350000000 + serial * 1548586));
  customer.time_zone = dutch ? "Europe/Amsterdam" : "Europe/Brussels";
  return customer;
}

std::string MakeReference(const Customer& customer, std::uint64_t invoice_number) {
  if (customer.address.country == "BE") return MakeOgm(2026000000ULL + invoice_number);
  auto kenmerk = MakeBetalingskenmerk("4100" + Padded(invoice_number, 8));
  DULY_CHECK(kenmerk.has_value());
  return *kenmerk;
}

// A deterministic amount in cents for invoice `number`: B2B 250..8,250, B2C 25..425.
Money MakeAmount(bool b2b, std::uint64_t number) {
  const std::uint64_t spread = (number * 2654435761ULL) % 1000;
  const std::uint64_t cents =
      b2b ? 25000 + spread * 800 + (number * 37) % 100 : 2500 + spread * 40 + (number * 13) % 100;
  return Money::FromCents(static_cast<std::int64_t>(cents));
}

Payment PayFor(const Customer& customer, const Invoice& invoice, Money amount,
               CalendarDate received) {
  Payment payment;
  payment.id = "BANK-" + invoice.id;
  payment.customer = customer.id;
  payment.amount = amount;
  payment.currency = invoice.currency;
  payment.received = received;
  payment.method = customer.kind == CustomerKind::kB2c ? "ideal" : "bank_transfer";
  payment.reference = invoice.reference;
  payment.counterparty_name = customer.name;
  payment.counterparty_iban = customer.iban;
  payment.allocations = {{invoice.id, amount}};
  return payment;
}

}  // namespace

DemoDataSet MakeDemoDataSet(CalendarDate today) {
  DemoDataSet set;
  set.segments = kSegments;
  set.workflows.assign(kWorkflows.begin(), kWorkflows.end());
  for (const DemoColleague& demo : kColleagues) {
    Colleague colleague;
    colleague.id = demo.id;
    colleague.name = demo.name;
    colleague.role = demo.role;
    colleague.department = demo.department;
    colleague.manager = demo.manager;
    colleague.email = std::string(demo.id) + "@example.com";
    colleague.phone = demo.phone;
    set.colleagues.push_back(std::move(colleague));
  }

  std::uint64_t number = 0;
  for (std::size_t i = 0; i < kCustomers.size(); ++i) {
    const Customer customer = MakeCustomer(kCustomers[i], i);
    const std::size_t invoice_count = i % 5 == 0 ? 4 : 3;
    for (std::size_t n = 0; n < invoice_count; ++n) {
      ++number;
      Invoice invoice;
      invoice.id = "INV-" + Padded(24000 + number, 5);
      invoice.customer = customer.id;
      // Spread issue dates: the n-th invoice of each customer, shifted a little per customer.
      const int days_ago =
          kIssuedDaysAgo[(n + (invoice_count == 4 ? 0 : 1)) % 4] + static_cast<int>(i % 4);
      invoice.issued = today - date::days(days_ago);
      invoice.due = invoice.issued + date::days(customer.kind == CustomerKind::kB2b ? 30 : 14);
      invoice.amount = MakeAmount(customer.kind == CustomerKind::kB2b, number);
      invoice.open_amount = invoice.amount;
      invoice.currency = "EUR";
      if (customer.kind == CustomerKind::kB2b && number % 2 == 0) {
        invoice.po_number = "PO-" + Padded(4500 + number * 3, 6);
      }
      invoice.reference = MakeReference(customer, number);

      // Older invoices are mostly paid: in full around the due date, one in four only partly.
      // Every fourth customer pays nothing (the overdue cases).
      if (days_ago >= 33 && i % 4 != 3 && number % 3 != 0) {
        const CalendarDate paid_on = std::min(
            invoice.due + date::days(static_cast<int>(number % 9) - 4), today - date::days(1));
        const Money paid = number % 4 == 0 ? invoice.amount.Scale(1, 2) : invoice.amount;
        set.payments.push_back(PayFor(customer, invoice, paid, paid_on));
      }
      set.invoices.push_back(std::move(invoice));
    }
    set.customers.push_back(customer);
  }
  return set;
}

}  // namespace duly::daemon
