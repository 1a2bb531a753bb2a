// GET/POST /v1/colleagues and GET /v1/colleagues/{id}.
#include <memory>
#include <set>

#include "daemon/api/api_request.h"
#include "daemon/api/api_response.h"
#include "daemon/api/resource_routes.h"

namespace duly::daemon {

void AddColleagueRoutes(Router& router, const SharedApiContext& context) {
  // Colleagues (the role) see customers and invoices, not the organisation chart.
  const std::set<Role> readers = {Role::kAdmin, Role::kManager, Role::kCollector,
                                  Role::kIntegration};
  const std::set<Role> writers = {Role::kAdmin, Role::kIntegration};
  auto schema = std::make_shared<const SchemaValidator>(LoadSchemaOrDie("colleagues.schema.json"));

  router.Add("GET", "/v1/colleagues", readers, [context](const RouteContext& route) {
    Result<PageRequest> page = PageFromQuery(route.request);
    if (!page) return ErrorResponse(page.error());
    return PageResponse(context->store.ListColleagues(*page));
  });
  router.Add("POST", "/v1/colleagues", writers, [context, schema](const RouteContext& route) {
    auto colleagues =
        DecodeBatch<Colleague>(route.request, *schema, "colleagues", &ColleagueFromJson);
    if (!colleagues) return ErrorResponse(colleagues.error());
    return SummaryResponse(context->store.UpsertColleagues(*colleagues, ActorOf(route)),
                           "/colleagues");
  });
  router.Add("GET", "/v1/colleagues/{id}", readers, [context](const RouteContext& route) {
    return RecordResponse(context->store.GetColleague(route.params.at("id")));
  });
}

}  // namespace duly::daemon
