// duly::daemon::Scenario: a simulation input (schemas/scenario.schema.json): who works at the
// creditor, which segments and workflows apply, which customers owe which invoices, and what
// happens on which day.
//
// Promise: ParseScenario checks the document against the schema first (errors name the JSON
// pointer of every fault), then builds the records with the record codecs (record_json.h) and
// the workflows and segments with workflow_parser.h, reporting every semantic fault by pointer
// ("/invoices/0/customer": unknown customer). Event types this build does not simulate yet are
// refused with kInvalidArgument naming "/events/<i>/type" and the reason. Plain data after
// parsing; thread-compatible.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "workflows/calendar_date.h"
#include "workflows/colleague.h"
#include "workflows/customer.h"
#include "workflows/invoice.h"
#include "workflows/money.h"
#include "workflows/payment.h"
#include "workflows/status.h"

namespace duly::daemon {

struct ScenarioEvent {
  Instant at{};           // "on": a date means 09:00 local time in the scenario's zone
  std::string type;       // "payment", "reply", ... (schemas/scenario.schema.json)
  nlohmann::json body;    // the whole event object as written
  std::size_t index = 0;  // position in "events", for error pointers and stable order
};

struct Scenario {
  CalendarDate start{};
  int days = 0;
  std::string time_zone = "Europe/Amsterdam";
  // "options": engine policy overrides; unset keeps EngineOptions' default.
  std::optional<std::chrono::minutes> send_time;
  std::optional<int> promise_grace_days;
  std::vector<Colleague> colleagues;
  std::string segments;                // the segments document, JSON text
  std::vector<std::string> workflows;  // each workflow document, JSON text
  std::vector<Customer> customers;
  std::vector<Invoice> invoices;
  // The live state the simulation starts from: payments posted (with their explicit
  // allocations to `invoices`) after the invoices are loaded and before the clock starts. They
  // produce no timeline lines. Not read from the scenario document (ParseScenario leaves it
  // empty); POST /v1/workflows/{id}/simulate fills it from the live invoices' paid amounts.
  std::vector<Payment> opening_payments;
  std::vector<ScenarioEvent> events;  // sorted by `at`, stable
};

Result<Scenario> ParseScenario(const nlohmann::json& document);
// Same from text; kInvalidArgument (field "") when it is not JSON.
Result<Scenario> ParseScenarioText(std::string_view text);

}  // namespace duly::daemon
