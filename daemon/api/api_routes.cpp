#include "daemon/api/api_routes.h"

#include <memory>

#include "daemon/api/resource_routes.h"

namespace duly::daemon {

void AddApiRoutes(Router& router, ApiContext& context) {
  // A copy of the context (it holds references and functions) shared by every handler, so the
  // caller's ApiContext object need not outlive the router; the store and clock still must.
  auto shared = std::make_shared<const ApiContext>(context);
  AddProbeRoutes(router, shared);
  AddNodeRoutes(router, shared);
  AddCustomerRoutes(router, shared);
  AddHistoryRoutes(router, shared);
  AddColleagueRoutes(router, shared);
  AddInvoiceRoutes(router, shared);
  AddEinvoiceRoutes(router, shared);
  AddPaymentRoutes(router, shared);
  AddWorkflowRoutes(router, shared);
  AddSimulationRoutes(router, shared);
  AddSegmentRoutes(router, shared);
  AddCollectionRoutes(router, shared);
  AddTestClockRoutes(router, shared);
  AddTemplateRoutes(router, shared);
  AddLetterRoutes(router, shared);
  AddTwilioWebhookRoutes(router, shared);
  AddMollieWebhookRoutes(router, shared);
  AddTaskRoutes(router, shared);
  AddMessageRoutes(router, shared);
  AddCaseRoutes(router, shared);
  AddPromiseRoutes(router, shared);
  AddPlanRoutes(router, shared);
  AddStatementRoutes(router, shared);
  AddCreditStatusRoutes(router, shared);
  AddReportRoutes(router, shared);
  AddWebAppRoutes(router, shared);
}

}  // namespace duly::daemon
