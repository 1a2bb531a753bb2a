// The routes of each API resource; AddApiRoutes (api_routes.h) registers them all.
//
// Promise: each function adds its resource's routes with the roles documented as x-duly-roles in
// schemas/openapi.json (the OpenAPI test checks both agree). The handlers share `context`, which
// keeps the store and clock references alive for as long as the router holds the handlers.
// Thread-safety: as AddApiRoutes: call before serving; the handlers are then safe concurrently.
#pragma once

#include <memory>

#include "daemon/api/api_routes.h"
#include "daemon/http/router.h"

namespace duly::daemon {

using SharedApiContext = std::shared_ptr<const ApiContext>;

// GET/POST /v1/customers, GET /v1/customers/{id}.
void AddCustomerRoutes(Router& router, const SharedApiContext& context);
// GET /v1/customers/{id}/history.
void AddHistoryRoutes(Router& router, const SharedApiContext& context);
// GET/POST /v1/colleagues, GET /v1/colleagues/{id}.
void AddColleagueRoutes(Router& router, const SharedApiContext& context);
// GET/POST /v1/invoices, GET /v1/invoices/{id}, GET /v1/invoices/{id}/document.
void AddInvoiceRoutes(Router& router, const SharedApiContext& context);
// GET/POST /v1/payments, GET /v1/payments/{id}.
void AddPaymentRoutes(Router& router, const SharedApiContext& context);
// GET/POST /v1/workflows, GET/PUT /v1/workflows/{id}, GET /v1/workflows/{id}/versions[/{n}],
// POST /v1/workflows/validate.
void AddWorkflowRoutes(Router& router, const SharedApiContext& context);
// POST /v1/workflows/{id}/simulate.
void AddSimulationRoutes(Router& router, const SharedApiContext& context);
// GET/PUT /v1/segments, POST /v1/segments/validate.
void AddSegmentRoutes(Router& router, const SharedApiContext& context);
// GET /v1/invoices/{id}/collection.
void AddCollectionRoutes(Router& router, const SharedApiContext& context);
// POST /v1/test/clock.
void AddTestClockRoutes(Router& router, const SharedApiContext& context);
// POST /v1/webhooks/twilio/status, /inbound and /voice-menu (public, X-Twilio-Signature).
void AddTwilioWebhookRoutes(Router& router, const SharedApiContext& context);
// POST /v1/webhooks/mollie (public; the id is looked up at Mollie).
void AddMollieWebhookRoutes(Router& router, const SharedApiContext& context);
// GET /v1/tasks, GET /v1/tasks/{id}, POST /v1/tasks/{id}/claim, POST /v1/tasks/{id}/complete.
void AddTaskRoutes(Router& router, const SharedApiContext& context);
// GET /v1/customers/{id}/messages.
void AddMessageRoutes(Router& router, const SharedApiContext& context);
// GET /v1/templates, GET/PUT /v1/templates/{id}/{language}, GET .../versions, POST .../preview.
void AddTemplateRoutes(Router& router, const SharedApiContext& context);
// GET /v1/letters/batches/{day}, GET /v1/letters/batches/{day}/pdf, POST /v1/letters/print.
void AddLetterRoutes(Router& router, const SharedApiContext& context);
// POST/GET /v1/cases, GET /v1/cases/{id}, POST /v1/cases/{id}/acknowledge, /comments, /reassign
// and /resolve, GET /v1/reports/complaints (cases_api.cpp).
void AddCaseRoutes(Router& router, const SharedApiContext& context);
// POST/GET /v1/promises, POST /v1/promises/{id}/cancel.
void AddPromiseRoutes(Router& router, const SharedApiContext& context);
// POST/GET /v1/plans, POST /v1/plans/check, GET /v1/plans/{id}, POST /v1/plans/{id}/approve and
// /cancel.
void AddPlanRoutes(Router& router, const SharedApiContext& context);
// POST /v1/statements, GET /v1/reconciliation, POST /v1/reconciliation/{id}/allocate and
// /dismiss.
void AddStatementRoutes(Router& router, const SharedApiContext& context);
// GET /v1/customers/{id}/credit-status.
void AddCreditStatusRoutes(Router& router, const SharedApiContext& context);
// POST /v1/invoices/ubl (one UBL Invoice or CreditNote as the raw XML body).
void AddEinvoiceRoutes(Router& router, const SharedApiContext& context);
// GET /v1/reports/aging, /dso, /kpis, /channels, /collectors, /dashboard (managers, admin).
void AddReportRoutes(Router& router, const SharedApiContext& context);
// GET /healthz, /readyz, /metrics, /v1/openapi.json (public).
void AddProbeRoutes(Router& router, const SharedApiContext& context);
// GET /v1/nodes (nodes_api.cpp).
void AddNodeRoutes(Router& router, const SharedApiContext& context);
// The web UI from context->web_dir: the router's fallback for GET outside /v1 (public).
void AddWebAppRoutes(Router& router, const SharedApiContext& context);

}  // namespace duly::daemon
