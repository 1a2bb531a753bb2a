// GET/POST /v1/invoices, GET /v1/invoices/{id} and GET /v1/invoices/{id}/document.
#include <memory>
#include <set>
#include <string>

#include "daemon/api/api_request.h"
#include "daemon/api/api_response.h"
#include "daemon/api/resource_routes.h"

namespace duly::daemon {
namespace {

// The filters of GET /v1/invoices: ?customer= and ?status=.
Result<InvoiceFilter> FilterFromQuery(const HttpRequest& request) {
  InvoiceFilter filter;
  if (auto customer = request.query.find("customer"); customer != request.query.end()) {
    filter.customer = customer->second;
  }
  if (auto status = request.query.find("status"); status != request.query.end()) {
    filter.status = ParseInvoiceStatus(status->second);
    if (!filter.status) {
      return FieldInvalid("status", "must be one of: open, paid, credited, written_off; it is \"" +
                                        status->second + "\"");
    }
  }
  return filter;
}

// A filename safe inside a quoted Content-Disposition parameter: printable ASCII without quotes
// or backslashes; anything else becomes '_'.
std::string DispositionFilename(const std::string& filename) {
  std::string safe;
  for (char c : filename) {
    const bool printable = c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
    safe += printable ? c : '_';
  }
  return safe;
}

HttpResponse DocumentResponse(const Result<Invoice>& invoice) {
  if (!invoice) return ErrorResponse(invoice.error());
  if (!invoice->document) {
    return ErrorResponse(NotFound("invoice " + invoice->id + " has no document"));
  }
  HttpResponse response;
  response.content_type = invoice->document->media_type;
  response.body = invoice->document->content;
  // Always a download, never rendered in the API's origin, whatever media type the ERP sent.
  response.headers.emplace_back(
      "Content-Disposition",
      "attachment; filename=\"" + DispositionFilename(invoice->document->filename) + "\"");
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return response;
}

}  // namespace

void AddInvoiceRoutes(Router& router, const SharedApiContext& context) {
  const std::set<Role> readers = {Role::kAdmin, Role::kManager, Role::kCollector, Role::kColleague,
                                  Role::kIntegration};
  const std::set<Role> writers = {Role::kAdmin, Role::kIntegration};
  auto schema = std::make_shared<const SchemaValidator>(LoadSchemaOrDie("invoices.schema.json"));

  router.Add("GET", "/v1/invoices", readers, [context](const RouteContext& route) {
    Result<PageRequest> page = PageFromQuery(route.request);
    if (!page) return ErrorResponse(page.error());
    Result<InvoiceFilter> filter = FilterFromQuery(route.request);
    if (!filter) return ErrorResponse(filter.error());
    return PageResponse(context->store.ListInvoices(*filter, *page));
  });
  router.Add("POST", "/v1/invoices", writers, [context, schema](const RouteContext& route) {
    auto invoices = DecodeBatch<Invoice>(route.request, *schema, "invoices", &InvoiceFromJson);
    if (!invoices) return ErrorResponse(invoices.error());
    Result<UpsertSummary> summary = context->store.UpsertInvoices(*invoices, ActorOf(route));
    // New open invoices have start timers now: let the engine see them at once.
    if (summary && context->wake_engine) context->wake_engine();
    return SummaryResponse(summary, "/invoices");
  });
  router.Add("GET", "/v1/invoices/{id}", readers, [context](const RouteContext& route) {
    return RecordResponse(context->store.GetInvoice(route.params.at("id")));
  });
  router.Add("GET", "/v1/invoices/{id}/document", readers, [context](const RouteContext& route) {
    return DocumentResponse(context->store.GetInvoice(route.params.at("id")));
  });
}

}  // namespace duly::daemon
