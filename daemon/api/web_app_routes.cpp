// The web UI: every public GET outside /v1 that matches no API route is a file of web_dir or,
// for the UI's own routes, its index.html (web_app_files.h). No web_dir: those paths stay 404.
#include <string>

#include "daemon/api/resource_routes.h"
#include "daemon/api/web_app_files.h"

namespace duly::daemon {

void AddWebAppRoutes(Router& router, const SharedApiContext& context) {
  if (context->web_dir.empty()) return;
  router.SetFallback([web_dir = context->web_dir](const RouteContext& route) {
    return ServeWebAppFile(web_dir, route.request);
  });
}

}  // namespace duly::daemon
