// GET/PUT /v1/segments and POST /v1/segments/validate.
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "daemon/api/api_request.h"
#include "daemon/api/api_response.h"
#include "daemon/api/catalog_json.h"
#include "daemon/api/resource_routes.h"

namespace duly::daemon {
namespace {

struct ParsedSegments {
  SegmentRules rules;
  nlohmann::json document;
};

// 400 when the body is not JSON; 422 (by pointer) for schema and semantic faults.
Result<ParsedSegments> ParseBody(const HttpRequest& request) {
  Result<nlohmann::json> document = ParseJson(request.body);
  if (!document) return std::move(document).error();
  Result<SegmentRules> rules = ParseSegments(*document);
  if (!rules) return Unprocessable(std::move(rules).error());
  return ParsedSegments{std::move(*rules), std::move(*document)};
}

}  // namespace

void AddSegmentRoutes(Router& router, const SharedApiContext& context) {
  const std::set<Role> readers = {Role::kAdmin, Role::kManager, Role::kCollector, Role::kColleague};
  const std::set<Role> writers = {Role::kAdmin, Role::kManager};

  router.Add("GET", "/v1/segments", readers, [context](const RouteContext&) {
    Result<SegmentsVersion> latest = context->catalog.LatestSegments();
    if (!latest) return ErrorResponse(latest.error());
    return JsonBody(SegmentsVersionJson(*latest));
  });
  router.Add("PUT", "/v1/segments", writers, [context](const RouteContext& route) {
    Result<ParsedSegments> parsed = ParseBody(route.request);
    if (!parsed) return ErrorResponse(parsed.error());
    Result<std::vector<Workflow>> workflows = SavedWorkflows(context->catalog);
    if (!workflows) return ErrorResponse(workflows.error());
    parsed->document.erase("version");  // the store assigns versions
    Result<SegmentsVersion> saved =
        context->catalog.SaveSegments(parsed->document.dump(), ActorOf(route));
    if (!saved) return ErrorResponse(saved.error());
    if (context->wake_engine) context->wake_engine();
    nlohmann::json body = SegmentsVersionJson(*saved);
    body["warnings"] = FieldErrorsJson(SegmentCoverageWarnings(parsed->rules, *workflows));
    return JsonBody(body);
  });
  router.Add("POST", "/v1/segments/validate", writers, [context](const RouteContext& route) {
    Result<nlohmann::json> document = ParseJson(route.request.body);
    if (!document) return ErrorResponse(document.error());
    Result<SegmentRules> rules = ParseSegments(*document);
    if (!rules) {
      if (rules.error().code != ErrorCode::kInvalidArgument) return ErrorResponse(rules.error());
      return JsonBody({{"valid", false},
                       {"problems", FieldErrorsJson(rules.error().fields)},
                       {"warnings", nlohmann::json::array()}});
    }
    Result<std::vector<Workflow>> workflows = SavedWorkflows(context->catalog);
    if (!workflows) return ErrorResponse(workflows.error());
    return JsonBody({{"valid", true},
                     {"problems", nlohmann::json::array()},
                     {"warnings", FieldErrorsJson(SegmentCoverageWarnings(*rules, *workflows))}});
  });
}

}  // namespace duly::daemon
