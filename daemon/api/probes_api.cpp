// The public routes: GET /healthz, /readyz, /metrics and /v1/openapi.json.
#include <string>

#include "daemon/api/api_response.h"
#include "daemon/api/openapi_document.h"
#include "daemon/api/resource_routes.h"

namespace duly::daemon {

void AddProbeRoutes(Router& router, const SharedApiContext& context) {
  // Liveness: the process answers; nothing else is checked.
  router.Add("GET", "/healthz", {}, [](const RouteContext&) {
    return JsonBody({{"status", "ok"}});
  });
  // Readiness: accepting work (migrated, not draining) and the database answers.
  router.Add("GET", "/readyz", {}, [context](const RouteContext&) {
    if (context->accepting && !context->accepting()) {
      return ErrorResponse(Unavailable("not accepting requests: starting up or shutting down"));
    }
    if (Status ping = context->store.Ping(); !ping) {
      return ErrorResponse(ping.error().WithContext("the database does not answer"));
    }
    return JsonBody({{"status", "ready"}});
  });
  router.Add("GET", "/metrics", {}, [context](const RouteContext&) {
    HttpResponse response;
    response.content_type = "text/plain; version=0.0.4; charset=utf-8";
    response.body = context->metrics_text ? context->metrics_text() : std::string();
    return response;
  });
  // Bundled once: the document is a constant of the build.
  Result<std::string> openapi = BundledOpenApiDocument();
  router.Add("GET", "/v1/openapi.json", {}, [openapi](const RouteContext&) {
    if (!openapi) return ErrorResponse(openapi.error());
    return JsonResponse(*openapi);
  });
}

}  // namespace duly::daemon
