// GET /v1/customers/{id}/history: a customer's events, oldest first, paginated by seq.
#include <algorithm>
#include <set>
#include <string>

#include "daemon/api/api_request.h"
#include "daemon/api/api_response.h"
#include "daemon/api/resource_routes.h"

namespace duly::daemon {

void AddHistoryRoutes(Router& router, const SharedApiContext& context) {
  // The dossier is for people working the case; integrations have no business reading it.
  const std::set<Role> readers = {Role::kAdmin, Role::kManager, Role::kCollector, Role::kColleague};
  router.Add("GET", "/v1/customers/{id}/history", readers, [context](const RouteContext& route) {
    Result<PageRequest> page = PageFromQuery(route.request);
    if (!page) return ErrorResponse(page.error());
    const std::string& after = page->after;
    if (after.size() > 18 ||
        !std::all_of(after.begin(), after.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return ErrorResponse(FieldInvalid("after", "must be the seq of an event (a whole number)"));
    }
    const std::string& id = route.params.at("id");
    if (Result<Customer> customer = context->store.GetCustomer(id); !customer) {
      return ErrorResponse(customer.error());
    }
    return PageResponse(context->store.ListCustomerEvents(id, *page));
  });
}

}  // namespace duly::daemon
