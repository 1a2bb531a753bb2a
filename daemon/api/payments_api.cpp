// GET/POST /v1/payments and GET /v1/payments/{id}.
#include <memory>
#include <set>
#include <string>

#include "daemon/api/api_request.h"
#include "daemon/api/api_response.h"
#include "daemon/api/resource_routes.h"

namespace duly::daemon {

void AddPaymentRoutes(Router& router, const SharedApiContext& context) {
  // Collectors and managers book payments a customer reports (bank statement in hand).
  const std::set<Role> roles = {Role::kAdmin, Role::kManager, Role::kCollector, Role::kIntegration};
  auto schema = std::make_shared<const SchemaValidator>(LoadSchemaOrDie("payments.schema.json"));

  router.Add("GET", "/v1/payments", roles, [context](const RouteContext& route) {
    Result<PageRequest> page = PageFromQuery(route.request);
    if (!page) return ErrorResponse(page.error());
    auto customer = route.request.query.find("customer");
    const std::string filter = customer == route.request.query.end() ? "" : customer->second;
    return PageResponse(context->store.ListPayments(filter, *page));
  });
  router.Add("POST", "/v1/payments", roles, [context, schema](const RouteContext& route) {
    auto payments = DecodeBatch<Payment>(route.request, *schema, "payments", &PaymentFromJson);
    if (!payments) return ErrorResponse(payments.error());
    return SummaryResponse(context->store.PostPayments(*payments, ActorOf(route)), "/payments");
  });
  router.Add("GET", "/v1/payments/{id}", roles, [context](const RouteContext& route) {
    return RecordResponse(context->store.GetPayment(route.params.at("id")));
  });
}

}  // namespace duly::daemon
