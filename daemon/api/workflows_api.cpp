// GET/POST /v1/workflows, GET/PUT /v1/workflows/{id}, GET /v1/workflows/{id}/versions,
// GET /v1/workflows/{id}/versions/{n} and POST /v1/workflows/validate.
#include <charconv>
#include <memory>
#include <set>
#include <string>
#include <system_error>
#include <vector>

#include "daemon/api/api_request.h"
#include "daemon/api/api_response.h"
#include "daemon/api/catalog_json.h"
#include "daemon/api/resource_routes.h"

namespace duly::daemon {
namespace {

// The body as a workflow: 400 when it is not JSON, 422 (by pointer) when the schema or a
// semantic check fails. `route_id` (PUT) must equal the document's id.
Result<std::pair<Workflow, nlohmann::json>> ParseBody(const ApiContext& context,
                                                      const HttpRequest& request,
                                                      const std::string& route_id) {
  Result<nlohmann::json> document = ParseJson(request.body);
  if (!document) return std::move(document).error();
  Result<Workflow> workflow = ParseWorkflow(*document, WorkflowParseOptions(context.templates));
  if (!workflow) return Unprocessable(std::move(workflow).error());
  if (!route_id.empty() && workflow->id != route_id) {
    return Error{
        ErrorCode::kPolicy,
        "the workflow's id \"" + workflow->id + "\" differs from the path's \"" + route_id + "\"",
        {{"/id", "must be \"" + route_id + "\", the id in the path"}}};
  }
  return std::make_pair(std::move(*workflow), std::move(*document));
}

HttpResponse Save(const SharedApiContext& context, const RouteContext& route,
                  const std::string& route_id) {
  auto parsed = ParseBody(*context, route.request, route_id);
  if (!parsed) return ErrorResponse(parsed.error());
  nlohmann::json& document = parsed->second;
  document.erase("version");  // the store assigns versions
  Result<WorkflowVersion> saved =
      context->catalog.SaveWorkflow(parsed->first, document.dump(), ActorOf(route));
  if (!saved) return ErrorResponse(saved.error());
  if (context->wake_engine) context->wake_engine();
  return JsonBody(WorkflowVersionJson(*saved));
}

HttpResponse VersionList(const Result<std::vector<WorkflowVersion>>& versions) {
  if (!versions) return ErrorResponse(versions.error());
  nlohmann::json items = nlohmann::json::array();
  for (const WorkflowVersion& version : *versions) items.push_back(WorkflowVersionJson(version));
  return JsonBody({{"items", std::move(items)}});
}

HttpResponse Validate(const SharedApiContext& context, const RouteContext& route) {
  Result<nlohmann::json> document = ParseJson(route.request.body);
  if (!document) return ErrorResponse(document.error());
  Result<Workflow> workflow = ParseWorkflow(*document, WorkflowParseOptions(context->templates));
  if (!workflow) {
    if (workflow.error().code != ErrorCode::kInvalidArgument) {
      return ErrorResponse(workflow.error());
    }
    return JsonBody({{"valid", false},
                     {"problems", FieldErrorsJson(workflow.error().fields)},
                     {"warnings", nlohmann::json::array()}});
  }
  Result<SegmentsVersion> segments_version = context->catalog.LatestSegments();
  if (!segments_version) return ErrorResponse(segments_version.error());
  Result<SegmentRules> segments = ParseSegmentsText(segments_version->definition);
  if (!segments) {
    return ErrorResponse(
        InternalError("the saved segments no longer parse: " + segments.error().message));
  }
  Result<std::vector<Workflow>> saved = SavedWorkflows(context->catalog);
  if (!saved) return ErrorResponse(saved.error());
  return JsonBody(
      {{"valid", true},
       {"problems", nlohmann::json::array()},
       {"warnings", FieldErrorsJson(WorkflowCoverageWarnings(*workflow, *segments, *saved))}});
}

}  // namespace

void AddWorkflowRoutes(Router& router, const SharedApiContext& context) {
  const std::set<Role> readers = {Role::kAdmin, Role::kManager, Role::kCollector, Role::kColleague};
  const std::set<Role> writers = {Role::kAdmin, Role::kManager};

  router.Add("GET", "/v1/workflows", readers, [context](const RouteContext&) {
    return VersionList(context->catalog.LatestWorkflows());
  });
  router.Add("POST", "/v1/workflows", writers,
             [context](const RouteContext& route) { return Save(context, route, ""); });
  router.Add("POST", "/v1/workflows/validate", writers,
             [context](const RouteContext& route) { return Validate(context, route); });
  router.Add("GET", "/v1/workflows/{id}", readers, [context](const RouteContext& route) {
    Result<WorkflowVersion> latest = context->catalog.GetWorkflowVersion(route.params.at("id"), 0);
    if (!latest) return ErrorResponse(latest.error());
    return JsonBody(WorkflowVersionJson(*latest));
  });
  router.Add("PUT", "/v1/workflows/{id}", writers, [context](const RouteContext& route) {
    return Save(context, route, route.params.at("id"));
  });
  router.Add("GET", "/v1/workflows/{id}/versions", readers, [context](const RouteContext& route) {
    return VersionList(context->catalog.WorkflowVersions(route.params.at("id")));
  });
  router.Add(
      "GET", "/v1/workflows/{id}/versions/{n}", readers, [context](const RouteContext& route) {
        const std::string& text = route.params.at("n");
        std::int64_t number = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
        if (error != std::errc() || end != text.data() + text.size() || number < 1) {
          return ErrorResponse(
              FieldInvalid("n", "must be a version number (1, 2, ...); it is \"" + text + "\""));
        }
        Result<WorkflowVersion> version =
            context->catalog.GetWorkflowVersion(route.params.at("id"), number);
        if (!version) return ErrorResponse(version.error());
        return JsonBody(WorkflowVersionJson(*version));
      });
}

}  // namespace duly::daemon
