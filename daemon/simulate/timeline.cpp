#include "daemon/simulate/timeline.h"

#include <algorithm>
#include <utility>

namespace duly::daemon {

using nlohmann::json;

namespace {

// The payload of an engine event; an empty object when it is not a JSON object.
json Payload(const Event& event) {
  json payload = json::parse(event.payload, nullptr, /*allow_exceptions=*/false);
  return payload.is_object() ? payload : json::object();
}

std::string Text(const json& object, const char* key) {
  auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}

void AddUnique(json& list, const std::string& value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

}  // namespace

nlohmann::ordered_json ReadableTimelineLine(const json& line) {
  nlohmann::ordered_json readable = nlohmann::ordered_json::object();
  if (!line.is_object()) return readable;
  for (const char* first : {"at", "type"}) {
    if (auto found = line.find(first); found != line.end()) readable[first] = *found;
  }
  for (const auto& [key, value] : line.items()) {
    if (key != "at" && key != "type") readable[key] = value;
  }
  return readable;
}

Timeline::Timeline(std::string time_zone, std::vector<Workflow> workflows,
                   std::map<std::string, std::string, std::less<>> customer_of_invoice)
    : time_zone_(std::move(time_zone)),
      workflows_(std::move(workflows)),
      customer_of_invoice_(std::move(customer_of_invoice)) {}

void Timeline::Add(Instant at, json body) {
  json line = {{"at", FormatInstant(at, time_zone_)}};
  line.update(body);
  pending_.push_back({at, std::move(line)});
}

void Timeline::AddMessage(const OutboxMessage& message, Instant at) {
  json invoices = json::array();
  for (const OutboxItem& item : message.items) AddUnique(invoices, item.invoice);
  if (message.recipient_kind == RecipientKind::kCustomer) {
    Add(at, {{"type", "message"},
             {"customer", message.recipient},
             {"invoices", invoices},
             {"channel", message.channel},
             {"template", message.template_id}});
    return;
  }
  json line = {{"type", "colleague_notified"},
               {"colleague", message.recipient},
               {"channel", message.channel},
               {"reason", message.reason.empty() ? message.template_id : message.reason},
               {"case", message.case_id}};
  if (!message.template_id.empty()) line["template"] = message.template_id;
  if (!message.customer.empty()) line["customer"] = message.customer;
  if (!invoices.empty()) line["invoices"] = invoices;
  Add(at, std::move(line));
}

void Timeline::AddOptOut(const std::string& customer, const std::string& channel, Instant at) {
  Add(at, {{"type", "opt_out"}, {"customer", customer}, {"channel", channel}});
}

void Timeline::AddPayment(const Payment& payment, Instant at) {
  json line = {{"type", "payment_posted"},
               {"customer", payment.customer},
               {"payment", payment.id},
               {"amount", payment.amount.ToString()}};
  json invoices = json::array();
  for (const Allocation& allocation : payment.allocations) {
    AddUnique(invoices, allocation.invoice);
  }
  if (!invoices.empty()) line["invoices"] = invoices;
  Add(at, std::move(line));
}

const Step* Timeline::FindStep(const std::string& workflow, const std::string& step) const {
  for (const Workflow& candidate : workflows_) {
    if (candidate.id == workflow) return candidate.FindStep(step);
  }
  return nullptr;
}

std::string Timeline::CustomerOf(const Event& event) const {
  if (!event.customer.empty()) return event.customer;
  auto found = customer_of_invoice_.find(event.invoice.empty() ? Text(Payload(event), "invoice")
                                                               : event.invoice);
  return found == customer_of_invoice_.end() ? "" : found->second;
}

void Timeline::AddEngineEvents(const std::vector<Event>& events) {
  // Call tasks of one customer at one instant are one task: index of its line in pending_.
  std::map<std::pair<std::int64_t, std::string>, std::size_t> call_tasks;
  for (const Event& event : events) {
    const json payload = Payload(event);
    const std::string invoice = event.invoice.empty() ? Text(payload, "invoice") : event.invoice;
    if (event.type == "step.skipped") {
      json line = {{"type", "step_skipped"},
                   {"invoice", invoice},
                   {"step", Text(payload, "step")},
                   {"reason", Text(payload, "reason")}};
      if (std::string customer = CustomerOf(event); !customer.empty()) line["customer"] = customer;
      Add(event.at, std::move(line));
      continue;
    }
    if (event.type != "step.ran") continue;
    const std::string action = Text(payload, "action");
    const Step* step = FindStep(Text(payload, "workflow"), Text(payload, "step"));
    if (action == "call_task") {
      const std::string customer = CustomerOf(event);
      auto [slot, inserted] =
          call_tasks.emplace(std::make_pair(ToEpochMillis(event.at), customer), pending_.size());
      if (inserted) {
        json line = {{"type", "call_task"}, {"customer", customer}, {"invoices", json::array()}};
        const auto* call = step == nullptr ? nullptr : std::get_if<CallTaskAction>(&step->action);
        std::string script = call == nullptr ? Text(payload, "script") : call->script;
        if (!script.empty()) line["script"] = script;
        Add(event.at, std::move(line));
      }
      AddUnique(pending_[slot->second].body["invoices"], invoice);
    } else if (action == "handover") {
      std::string agency = Text(payload, "agency");
      const auto* handover = step == nullptr ? nullptr : std::get_if<HandoverAction>(&step->action);
      if (agency.empty() && handover != nullptr) agency = handover->agency;
      Add(event.at, {{"type", "handover"},
                     {"customer", CustomerOf(event)},
                     {"invoice", invoice},
                     {"agency", agency}});
    }
  }
}

void Timeline::Flush(const std::function<void(const json& line)>& emit) {
  std::stable_sort(pending_.begin(), pending_.end(),
                   [](const Line& a, const Line& b) { return a.at < b.at; });
  for (const Line& line : pending_) emit(line.body);
  pending_.clear();
}

}  // namespace duly::daemon
