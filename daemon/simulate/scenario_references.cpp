#include "daemon/simulate/scenario_references.h"

#include <map>
#include <set>

#include <nlohmann/json.hpp>

namespace duly::daemon {

namespace {

std::string Quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::string Pointer(std::string_view array, std::size_t index, std::string_view field) {
  return "/" + std::string(array) + "/" + std::to_string(index) + "/" + std::string(field);
}

}  // namespace

std::string UnsimulatedEventReason(std::string_view type) {
  if (type == "complaint" || type == "case_resolved") {
    return std::string(type) +
           " events are not simulated yet: complaint cases arrive with issue #5 (cases, promises, "
           "payment plans)";
  }
  if (type == "promise") {
    return "promise events are not simulated yet: promises to pay arrive with issue #5 (cases, "
           "promises, payment plans)";
  }
  if (type == "payment_plan") {
    return "payment_plan events are not simulated yet: payment plans arrive with issue #5 "
           "(cases, promises, payment plans)";
  }
  return "";
}

void CheckReferences(const Scenario& scenario, std::vector<FieldError>& problems) {
  std::set<std::string, std::less<>> colleagues;
  for (const Colleague& colleague : scenario.colleagues) colleagues.insert(colleague.id);
  std::set<std::string, std::less<>> customers;
  for (const Customer& customer : scenario.customers) customers.insert(customer.id);
  std::map<std::string, std::string, std::less<>> customer_of_invoice;
  for (const Invoice& invoice : scenario.invoices) {
    customer_of_invoice.emplace(invoice.id, invoice.customer);
  }

  for (std::size_t i = 0; i < scenario.colleagues.size(); ++i) {
    const std::string& manager = scenario.colleagues[i].manager;
    if (!manager.empty() && !colleagues.contains(manager)) {
      problems.push_back(
          {Pointer("colleagues", i, "manager"), "unknown colleague " + Quoted(manager)});
    }
  }
  for (std::size_t i = 0; i < scenario.customers.size(); ++i) {
    const std::string& manager = scenario.customers[i].account_manager;
    if (!manager.empty() && !colleagues.contains(manager)) {
      problems.push_back(
          {Pointer("customers", i, "account_manager"), "unknown colleague " + Quoted(manager)});
    }
  }
  for (std::size_t i = 0; i < scenario.invoices.size(); ++i) {
    const Invoice& invoice = scenario.invoices[i];
    if (!customers.contains(invoice.customer)) {
      problems.push_back(
          {Pointer("invoices", i, "customer"), "unknown customer " + Quoted(invoice.customer)});
    }
    if (!invoice.credits_invoice.empty() &&
        !customer_of_invoice.contains(invoice.credits_invoice)) {
      problems.push_back({Pointer("invoices", i, "credits_invoice"),
                          "unknown invoice " + Quoted(invoice.credits_invoice)});
    }
  }
  for (const ScenarioEvent& event : scenario.events) {
    const std::string customer = event.body.value("customer", "");
    if (!customer.empty() && !customers.contains(customer)) {
      problems.push_back(
          {Pointer("events", event.index, "customer"), "unknown customer " + Quoted(customer)});
      continue;
    }
    const std::string invoice = event.body.value("invoice", "");
    if (invoice.empty()) continue;
    auto owner = customer_of_invoice.find(invoice);
    if (owner == customer_of_invoice.end()) {
      problems.push_back(
          {Pointer("events", event.index, "invoice"), "unknown invoice " + Quoted(invoice)});
    } else if (!customer.empty() && owner->second != customer) {
      problems.push_back({Pointer("events", event.index, "invoice"),
                          "invoice " + Quoted(invoice) + " belongs to customer " +
                              Quoted(owner->second) + ", not " + Quoted(customer)});
    }
  }
}

}  // namespace duly::daemon
