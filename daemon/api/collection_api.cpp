// GET /v1/invoices/{id}/collection: the engine's view of one invoice.
#include <memory>
#include <set>
#include <string>

#include "daemon/api/api_request.h"
#include "daemon/api/api_response.h"
#include "daemon/api/resource_routes.h"
#include "workflows/engine/instance.h"
#include "workflows/engine/timer.h"

namespace duly::daemon {
namespace {

nlohmann::json InstanceJson(const Instance& instance) {
  return {{"invoice", instance.invoice},     {"customer", instance.customer},
          {"segment", instance.segment},     {"workflow", instance.workflow},
          {"version", instance.version},     {"state", InstanceStateName(instance.state)},
          {"next_step", instance.next_step}, {"reason", instance.reason}};
}

nlohmann::json TimerJson(const Timer& timer) {
  return {{"id", timer.id},
          {"kind", TimerKindName(timer.kind)},
          {"step", timer.step},
          {"due_at", FormatInstantUtc(timer.due_at)},
          {"attempt", timer.attempt}};
}

nlohmann::json StepRunJson(const StoredStepRun& run) {
  return {{"workflow", run.run.workflow},
          {"version", run.run.version},
          {"step", run.run.step},
          {"outcome", run.run.outcome},
          {"at", FormatInstantUtc(run.at)}};
}

}  // namespace

void AddCollectionRoutes(Router& router, const SharedApiContext& context) {
  const std::set<Role> readers = {Role::kAdmin, Role::kManager, Role::kCollector, Role::kColleague};
  router.Add("GET", "/v1/invoices/{id}/collection", readers, [context](const RouteContext& route) {
    const std::string& id = route.params.at("id");
    Result<Invoice> invoice = context->store.GetInvoice(id);
    if (!invoice) return ErrorResponse(invoice.error());
    Result<std::optional<Instance>> instance = context->timers.GetInstance(id);
    if (!instance) return ErrorResponse(instance.error());
    Result<std::optional<Timer>> timer = context->timers.GetTimer(id);
    if (!timer) return ErrorResponse(timer.error());
    Result<std::vector<StoredStepRun>> runs = context->timers.StepRuns(id);
    if (!runs) return ErrorResponse(runs.error());
    nlohmann::json step_runs = nlohmann::json::array();
    for (const StoredStepRun& run : *runs) step_runs.push_back(StepRunJson(run));
    return JsonBody({{"invoice", id},
                     {"instance", *instance ? InstanceJson(**instance) : nlohmann::json()},
                     {"timer", *timer ? TimerJson(**timer) : nlohmann::json()},
                     {"step_runs", std::move(step_runs)}});
  });
}

}  // namespace duly::daemon
