// Registers the REST API (/v1/...) and the public probes on a Router.
//
// Promise: every route added here is described in schemas/openapi.json (a test checks both
// directions) and declares its roles. Handlers validate bodies against schemas/*.schema.json
// before anything is written, and answer errors through ErrorResponse().
// Thread-safety: the handlers are safe to run concurrently; `store` and `clock` must outlive
// the router.
#pragma once

#include <functional>
#include <string>

#include "daemon/http/router.h"
#include "workflows/clock.h"
#include "workflows/store.h"

namespace duly::daemon {

struct ApiContext {
  Store& store;
  const Clock& clock;
  // Prometheus text for GET /metrics (request counters, latencies, queue depths); supplied by
  // the server so the API does not depend on it.
  std::function<std::string()> metrics_text;
  // True when the daemon is ready to serve (migrated, not shutting down); /readyz also pings
  // the store.
  std::function<bool()> accepting;
};

void AddApiRoutes(Router& router, ApiContext& context);

}  // namespace duly::daemon
