// GET/POST /v1/customers and GET /v1/customers/{id}.
#include <memory>
#include <set>

#include "daemon/api/api_request.h"
#include "daemon/api/api_response.h"
#include "daemon/api/resource_routes.h"

namespace duly::daemon {

void AddCustomerRoutes(Router& router, const SharedApiContext& context) {
  const std::set<Role> readers = {Role::kAdmin, Role::kManager, Role::kCollector, Role::kColleague,
                                  Role::kIntegration};
  const std::set<Role> writers = {Role::kAdmin, Role::kIntegration};
  auto schema = std::make_shared<const SchemaValidator>(LoadSchemaOrDie("customers.schema.json"));

  router.Add("GET", "/v1/customers", readers, [context](const RouteContext& route) {
    Result<PageRequest> page = PageFromQuery(route.request);
    if (!page) return ErrorResponse(page.error());
    return PageResponse(context->store.ListCustomers(*page));
  });
  router.Add("POST", "/v1/customers", writers, [context, schema](const RouteContext& route) {
    auto customers = DecodeBatch<Customer>(route.request, *schema, "customers", &CustomerFromJson);
    if (!customers) return ErrorResponse(customers.error());
    return SummaryResponse(context->store.UpsertCustomers(*customers, ActorOf(route)),
                           "/customers");
  });
  router.Add("GET", "/v1/customers/{id}", readers, [context](const RouteContext& route) {
    return RecordResponse(context->store.GetCustomer(route.params.at("id")));
  });
}

}  // namespace duly::daemon
