// POST /v1/workflows/{id}/simulate: runs a draft workflow over chosen live invoices on a scratch
// database and answers the timeline; nothing live is touched.
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "daemon/api/api_request.h"
#include "daemon/api/api_response.h"
#include "daemon/api/catalog_json.h"
#include "daemon/api/resource_routes.h"

namespace duly::daemon {
namespace {

constexpr int kDefaultDays = 60;

Result<std::vector<Colleague>> AllColleagues(Store& store) {
  std::vector<Colleague> colleagues;
  PageRequest page;
  page.limit = 1000;
  for (;;) {
    Result<Page<Colleague>> batch = store.ListColleagues(page);
    if (!batch) return std::move(batch).error();
    for (Colleague& colleague : batch->items) colleagues.push_back(std::move(colleague));
    if (batch->next_after.empty()) return colleagues;
    page.after = batch->next_after;
  }
}

// The draft (from the body, or the saved latest version) as JSON text. Errors: 422 by pointer
// under "/workflow"; 404 when nothing is given and nothing is saved.
Result<std::string> DraftText(const SharedApiContext& context, const nlohmann::json& body,
                              const std::string& id) {
  if (!body.contains("workflow")) {
    Result<WorkflowVersion> saved = context->catalog.GetWorkflowVersion(id, 0);
    if (!saved) return std::move(saved).error();
    return saved->definition;
  }
  Result<Workflow> draft =
      ParseWorkflow(body["workflow"], WorkflowParseOptions(context->templates));
  if (!draft) return Unprocessable(PrefixFields(std::move(draft).error(), "/workflow"));
  if (draft->id != id) {
    return Error{ErrorCode::kPolicy,
                 "the draft's id \"" + draft->id + "\" differs from the path's \"" + id + "\"",
                 {{"/workflow/id", "must be \"" + id + "\", the id in the path"}}};
  }
  return body["workflow"].dump();
}

// The scratch store recomputes an invoice's open amount from allocations, and live payments are
// not copied: what the live invoice has been paid (or credited) already becomes one payment
// allocated to it, received the day before the simulation starts. None when nothing was paid.
std::optional<Payment> OpeningPayment(const Invoice& invoice, CalendarDate start) {
  if (invoice.kind != InvoiceKind::kInvoice) return std::nullopt;
  const Money paid = invoice.amount - Max(invoice.open_amount, Money::FromCents(0));
  if (paid.cents() <= 0) return std::nullopt;
  Payment payment;
  payment.id = "SIM-OPENING-" + invoice.id;
  payment.customer = invoice.customer;
  payment.amount = paid;
  payment.currency = invoice.currency;
  payment.received = start - date::days(1);
  payment.remittance = "paid before the simulation";
  payment.allocations.push_back({invoice.id, paid});
  return payment;
}

// Builds the scenario from live records (read only). Errors: 404/422 naming "/invoices/<i>".
Result<Scenario> BuildScenario(const SharedApiContext& context, const nlohmann::json& body,
                               const std::string& id) {
  Scenario scenario;
  scenario.time_zone = context->time_zone;
  scenario.days = body.value("days", kDefaultDays);
  if (body.contains("start")) {
    Result<CalendarDate> start = ParseCalendarDate(body["start"].get<std::string>());
    if (!start) return FieldInvalid("/start", start.error().message);
    scenario.start = *start;
  } else {
    scenario.start = LocalDay(context->clock.Now(), scenario.time_zone);
  }
  Result<std::string> draft = DraftText(context, body, id);
  if (!draft) return std::move(draft).error();
  Result<std::vector<WorkflowVersion>> saved = context->catalog.LatestWorkflows();
  if (!saved) return std::move(saved).error();
  for (const WorkflowVersion& version : *saved) {
    if (version.id != id) scenario.workflows.push_back(version.definition);
  }
  scenario.workflows.push_back(std::move(*draft));
  Result<SegmentsVersion> segments = context->catalog.LatestSegments();
  if (!segments) return std::move(segments).error();
  scenario.segments = segments->definition;
  Result<std::vector<Colleague>> colleagues = AllColleagues(context->store);
  if (!colleagues) return std::move(colleagues).error();
  scenario.colleagues = std::move(*colleagues);

  std::set<std::string> customers;
  std::set<std::string> paid_invoices;
  const nlohmann::json& ids = body["invoices"];
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const std::string pointer = "/invoices/" + std::to_string(i);
    Result<Invoice> invoice = context->store.GetInvoice(ids[i].get<std::string>());
    if (!invoice) {
      Error error = std::move(invoice).error();
      error.fields.push_back({pointer, error.message});
      return error;
    }
    invoice->document.reset();  // the simulation never reads the PDF
    if (customers.insert(invoice->customer).second) {
      Result<Customer> customer = context->store.GetCustomer(invoice->customer);
      if (!customer) return std::move(customer).error().WithContext(pointer);
      scenario.customers.push_back(std::move(*customer));
    }
    if (std::optional<Payment> paid = OpeningPayment(*invoice, scenario.start);
        paid && paid_invoices.insert(invoice->id).second) {
      scenario.opening_payments.push_back(std::move(*paid));
    }
    scenario.invoices.push_back(std::move(*invoice));
  }
  return scenario;
}

}  // namespace

void AddSimulationRoutes(Router& router, const SharedApiContext& context) {
  const std::set<Role> writers = {Role::kAdmin, Role::kManager};
  auto schema =
      std::make_shared<const SchemaValidator>(LoadSchemaOrDie("workflow_simulation.schema.json"));
  router.Add(
      "POST", "/v1/workflows/{id}/simulate", writers, [context, schema](const RouteContext& route) {
        Result<nlohmann::json> body = ParseJson(route.request.body);
        if (!body) return ErrorResponse(body.error());
        if (Status valid = schema->Validate(*body); !valid) {
          return ErrorResponse(valid.error());
        }
        if (!context->simulate) {
          return ErrorResponse(Unavailable("this dulyd cannot run simulations"));
        }
        Result<Scenario> scenario = BuildScenario(context, *body, route.params.at("id"));
        if (!scenario) return ErrorResponse(scenario.error());
        nlohmann::json timeline = nlohmann::json::array();
        Status simulated = context->simulate(
            *scenario, [&timeline](const nlohmann::json& line) { timeline.push_back(line); });
        if (!simulated) return ErrorResponse(simulated.error());
        return JsonBody({{"timeline", std::move(timeline)}});
      });
}

}  // namespace duly::daemon
