// Test fixtures of the engine room: the issue's example workflow (b2b-standard) and segments, a
// key-accounts workflow, the scenario's customer C1 and invoice INV-1, and helpers to build
// TimerInputs and read TimerOutcomes. Test-only, header-only; used by workflows/engine/*_test.cpp.
#pragma once

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "workflows/engine/catalog.h"
#include "workflows/engine/decide.h"
#include "workflows/engine/local_moment.h"
#include "workflows/engine/timer_input.h"
#include "workflows/engine/timer_outcome.h"

namespace duly::testdata {

inline constexpr std::string_view kAmsterdam = "Europe/Amsterdam";

// The example of issue 3, unchanged.
inline constexpr std::string_view kB2bStandard = R"({
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
})";

// The segments of issue 3, unchanged.
inline constexpr std::string_view kSegments = R"({ "segments": [
  { "id": "key-accounts", "priority": 1, "when": { "customer.tags": { "contains": "key-account" } } },
  { "id": "late-payers",  "priority": 2, "when": { "customer.avg_days_late": { "gt": 15 } } },
  { "id": "consumers",    "priority": 3, "when": { "customer.kind": { "eq": "b2c" } } },
  { "id": "b2b-standard", "priority": 9, "when": {} }
] })";

inline constexpr std::string_view kKeyAccounts = R"({
  "id": "key-accounts",
  "name": "Key accounts",
  "segment": "key-accounts",
  "steps": [
    { "id": "personal-call", "at": "due+2d", "action": { "type": "call_task", "script": "personal" } },
    { "id": "tell-account-manager", "at": "due+14d",
      "action": { "type": "notify_colleague", "to": "account_manager", "template": "key-account-late" } }
  ]
})";

inline Instant Local(const char* day, int hour, int minute = 0,
                     std::string_view zone = kAmsterdam) {
  auto parsed = ParseCalendarDate(day);
  EXPECT_TRUE(parsed.has_value()) << day;
  return LocalMoment(*parsed, std::chrono::hours{hour} + std::chrono::minutes{minute}, zone);
}

inline std::string Text(Instant at) { return FormatInstant(at, kAmsterdam); }

inline WorkflowVersion Stored(std::string_view definition, std::int64_t version) {
  nlohmann::json document = nlohmann::json::parse(definition);
  document["version"] = version;
  return WorkflowVersion{document.at("id").get<std::string>(),
                         version,
                         document.at("segment").get<std::string>(),
                         document.dump(),
                         {},
                         "test"};
}

inline std::shared_ptr<const Catalog> MakeCatalog(const std::vector<WorkflowVersion>& latest,
                                                  std::string_view segments = kSegments) {
  Result<std::shared_ptr<const Catalog>> catalog =
      BuildCatalog(1, SegmentsVersion{1, std::string(segments), {}, "test"}, latest);
  EXPECT_TRUE(catalog.has_value()) << (catalog ? "" : catalog.error().message);
  return catalog ? *catalog : std::make_shared<const Catalog>();
}

inline Customer C1() {
  Customer customer;
  customer.id = "C1";
  customer.name = "Bakkerij Jansen B.V.";
  customer.kind = CustomerKind::kB2b;
  customer.language = "nl";
  customer.email = "info@jansen.example";
  customer.phone = "+31612345678";
  customer.whatsapp = true;
  customer.preferred_channels = {"email"};
  customer.account_manager = "anna";
  customer.address = PostalAddress{"Dorpsstraat 1", "1234 AB", "Utrecht", "NL"};
  return customer;
}

inline Invoice Inv1(const char* due = "2026-03-10", const char* amount = "1250.00") {
  Invoice invoice;
  invoice.id = "INV-1";
  invoice.customer = "C1";
  invoice.issued = *ParseCalendarDate("2026-02-08");
  invoice.due = *ParseCalendarDate(due);
  invoice.amount = *Money::Parse(amount);
  invoice.open_amount = invoice.amount;
  invoice.currency = "EUR";
  return invoice;
}

inline std::vector<Colleague> Colleagues() {
  Colleague anna;
  anna.id = "anna";
  anna.role = "colleague";
  anna.department = "billing";
  anna.notify = "email";
  Colleague mark;
  mark.id = "mark";
  mark.role = "manager";
  mark.department = "billing";
  mark.notify = "sms";
  Colleague carl;
  carl.id = "carl";
  carl.role = "collector";
  carl.department = "credit";
  return {anna, mark, carl};
}

inline Instance Running(const std::string& next_step, std::int64_t version = 1,
                        const std::string& workflow = "b2b-standard") {
  return Instance{"INV-1",   "C1", workflow, workflow, version, InstanceState::kActive,
                  next_step, ""};
}

// A TimerInput for INV-1 of C1; `instance` empty for a start timer.
inline TimerInput Input(TimerKind kind, const std::string& step, Instant due_at,
                        std::optional<Instance> instance, Invoice invoice = Inv1(),
                        Customer customer = C1()) {
  TimerInput input;
  input.timer = Timer{7, kind, "INV-1", step, due_at, 0};
  input.invoice = std::move(invoice);
  input.customer = std::move(customer);
  input.instance = std::move(instance);
  return input;
}

inline TimerBatch Batch(Instant now) { return TimerBatch{now, Colleagues()}; }

inline std::vector<std::string> EventTypes(const TimerOutcome& outcome) {
  std::vector<std::string> types;
  for (const EngineEvent& event : outcome.events) types.push_back(event.type);
  return types;
}

// The payload of the only event of `type` (null when there is none or several).
inline nlohmann::json Payload(const TimerOutcome& outcome, std::string_view type) {
  nlohmann::json found;
  int count = 0;
  for (const EngineEvent& event : outcome.events) {
    if (event.type != type) continue;
    found = nlohmann::json::parse(event.payload);
    ++count;
  }
  EXPECT_EQ(count, 1) << "events of type " << type;
  return count == 1 ? found : nlohmann::json();
}

inline std::vector<std::string> RunOutcomes(const TimerOutcome& outcome) {
  std::vector<std::string> runs;
  for (const StepRun& run : outcome.runs) runs.push_back(run.step + "=" + run.outcome);
  return runs;
}

}  // namespace duly::testdata
