// POST /v1/invoices/ubl: one UBL 2.1 Invoice or CreditNote (Peppol BIS Billing 3.0) as the raw
// XML body, imported with daemon/einvoice (buyer matched or created, invoice upserted with its
// PDF).
#include <set>
#include <string>

#include "daemon/api/api_request.h"
#include "daemon/api/api_response.h"
#include "daemon/api/resource_routes.h"
#include "daemon/einvoice/ubl_import.h"

namespace duly::daemon {

void AddEinvoiceRoutes(Router& router, const SharedApiContext& context) {
  const std::set<Role> writers = {Role::kAdmin, Role::kIntegration};
  router.Add("POST", "/v1/invoices/ubl", writers, [context](const RouteContext& route) {
    const std::vector<einvoice::UblFile> files = {{"", route.request.body}};
    auto imported = einvoice::ImportUblFiles(context->store, files, ActorOf(route));
    if (!imported) return ErrorResponse(imported.error());
    // A new open invoice has a start timer now: let the engine see it at once.
    if (imported->invoices.created + imported->invoices.updated > 0 && context->wake_engine) {
      context->wake_engine();
    }
    const einvoice::UblImportItem& item = imported->items.front();
    return JsonBody({{"invoice", item.invoice},
                     {"kind", InvoiceKindName(item.kind)},
                     {"customer", item.customer},
                     {"matched_by", einvoice::CustomerMatchRuleName(item.matched_by)},
                     {"customer_created", imported->customers.created > 0},
                     {"created", imported->invoices.created},
                     {"updated", imported->invoices.updated},
                     {"unchanged", imported->invoices.unchanged}});
  });
}

}  // namespace duly::daemon
