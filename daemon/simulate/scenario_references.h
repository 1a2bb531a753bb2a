// Semantic checks of a scenario that its schema cannot make: every record and event names
// colleagues, customers and invoices the scenario defines, and every event type is one this build
// simulates.
//
// Promise: CheckReferences appends one FieldError per dangling reference, named by the JSON
// pointer of the referring field ("/invoices/0/customer": unknown customer "C9"): records in
// document order, then events in time order. UnsimulatedEventReason says why an event type is
// refused ("" when it is simulated). Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "daemon/simulate/scenario.h"
#include "workflows/status.h"

namespace duly::daemon {

// "" for "payment" and "reply"; for the event types later issues bring, the sentence naming the
// issue ("complaint events are not simulated yet: complaint cases arrive with the cases issue
// (#5)").
std::string UnsimulatedEventReason(std::string_view type);

// REQUIRES: the scenario's records and events were decoded (ids may still dangle).
void CheckReferences(const Scenario& scenario, std::vector<FieldError>& problems);

}  // namespace duly::daemon
