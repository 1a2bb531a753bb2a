// Credit status for the ERP: GET /v1/customers/{id}/credit-status answers ok or hold with the
// reasons (overdue above the segment's threshold, credit limit exceeded, broken plan, handed
// over), so the ERP delivers nothing new while the balance is open.
#include <set>

#include "daemon/api/api_response.h"
#include "daemon/api/plans_json.h"
#include "daemon/api/resource_routes.h"
#include "workflows/plans/payment_plan_store.h"

namespace duly::daemon {

void AddCreditStatusRoutes(Router& router, const SharedApiContext& context) {
  const std::set<Role> readers = {Role::kAdmin, Role::kManager, Role::kCollector,
                                  Role::kIntegration};
  router.Add("GET", "/v1/customers/{id}/credit-status", readers,
             [context](const RouteContext& route) {
               if (context->plans == nullptr) {
                 return ErrorResponse(Unavailable("credit status is not wired into the API"));
               }
               const std::string& customer = route.params.at("id");
               Result<CreditStatus> status =
                   context->plans->CreditStatusOf(customer, context->clock.Now());
               if (!status) return ErrorResponse(status.error());
               return JsonBody(CreditStatusJson(customer, *status));
             });
}

}  // namespace duly::daemon
