// GET /v1/nodes: the dulyd nodes sharing this database, each with its heartbeat and whether it is
// alive, for operators watching a cluster (or the one node of an SQLite installation).
#include <memory>
#include <set>
#include <string>

#include "daemon/api/api_response.h"
#include "daemon/api/iso_instant.h"
#include "daemon/api/resource_routes.h"

namespace duly::daemon {
namespace {

nlohmann::json NodeJson(const NodeStatus& node) {
  nlohmann::json json = {{"id", node.id},
                         {"host", node.host},
                         {"pid", node.pid},
                         {"version", node.version},
                         {"started_at", FormatInstantUtc(node.started_at)},
                         {"heartbeat_at", FormatInstantUtc(node.heartbeat_at)},
                         {"alive", node.alive}};
  if (node.stopped_at) json["stopped_at"] = FormatInstantUtc(*node.stopped_at);
  return json;
}

}  // namespace

void AddNodeRoutes(Router& router, const SharedApiContext& context) {
  const std::set<Role> operators = {Role::kAdmin, Role::kManager};
  router.Add("GET", "/v1/nodes", operators, [context](const RouteContext&) {
    if (!context->list_nodes) {
      return ErrorResponse(Unavailable("the node registry is not wired into the API"));
    }
    Result<std::vector<NodeStatus>> nodes = context->list_nodes();
    if (!nodes) return ErrorResponse(nodes.error());
    nlohmann::json items = nlohmann::json::array();
    for (const NodeStatus& node : *nodes) items.push_back(NodeJson(node));
    return JsonBody({{"items", std::move(items)}});
  });
}

}  // namespace duly::daemon
