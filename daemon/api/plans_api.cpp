// Payment plans: POST/GET /v1/plans, POST /v1/plans/check, GET /v1/plans/{id},
// POST /v1/plans/{id}/approve (managers only) and POST /v1/plans/{id}/cancel.
//
// A plan outside its segment's policy is 422 naming each rule it breaks, unless the body asks
// for an exception: then it is stored proposed until a manager approves it. API tokens do not
// name a colleague yet, so the approving manager is the body's "manager" when given, else the
// token's name when a colleague has that id; the plan records that id.
#include <algorithm>
#include <memory>
#include <set>
#include <string>

#include "daemon/api/api_request.h"
#include "daemon/api/api_response.h"
#include "daemon/api/plans_json.h"
#include "daemon/api/resource_routes.h"
#include "workflows/plans/payment_plan_store.h"

namespace duly::daemon {
namespace {

const std::set<Role> kRecorders = {Role::kAdmin, Role::kManager, Role::kCollector};
const std::set<Role> kApprovers = {Role::kAdmin, Role::kManager};

Result<std::int64_t> PlanId(const RouteContext& route) {
  const std::string& text = route.params.at("id");
  if (text.empty() || text.size() > 18 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return NotFound("plan " + text + " does not exist (plan ids are whole numbers)");
  }
  return std::stoll(text);
}

HttpResponse PlanResponse(const Result<PaymentPlan>& plan, int status = 200) {
  if (!plan) return ErrorResponse(plan.error());
  return JsonBody(PlanJson(*plan), status);
}

// The body as a draft, or the error response.
Result<PlanDraft> Draft(const ApiContext& context, const SchemaValidator& schema,
                        const RouteContext& route, bool* ask_exception) {
  Result<nlohmann::json> body = ParseJson(route.request.body);
  if (!body) return std::move(body).error();
  if (Status valid = schema.Validate(*body); !valid) return std::move(valid).error();
  if (ask_exception != nullptr) *ask_exception = body->value("ask_exception", false);
  return DraftFromBody(*body, LocalDay(context.clock.Now(), context.time_zone));
}

// The approving manager: `named` when given, else the token's name when a colleague has it.
Result<std::string> Manager(const ApiContext& context, const RouteContext& route,
                            const std::string& named) {
  const std::string id = named.empty() ? route.principal->name : named;
  Result<Colleague> colleague = context.store.GetColleague(id);
  if (colleague) return id;
  if (colleague.error().code != ErrorCode::kNotFound) return std::move(colleague).error();
  if (named.empty()) {
    return FieldInvalid(
        "/manager", "the token \"" + id + "\" is not a colleague's id: name the approving manager");
  }
  return FieldInvalid("/manager", "colleague " + id + " does not exist");
}

HttpResponse ListPlans(PaymentPlanStore& plans, const RouteContext& route) {
  Result<PageRequest> page = PageFromQuery(route.request);
  if (!page) return ErrorResponse(page.error());
  const auto& query = route.request.query;
  const auto customer = query.find("customer");
  Result<std::vector<PaymentPlan>> listed =
      plans.ListPlans(customer == query.end() ? "" : customer->second, page->limit);
  if (!listed) return ErrorResponse(listed.error());
  nlohmann::json items = nlohmann::json::array();
  for (const PaymentPlan& plan : *listed) items.push_back(PlanJson(plan));
  return JsonBody({{"items", std::move(items)}});
}

}  // namespace

void AddPlanRoutes(Router& router, const SharedApiContext& context) {
  auto plan_schema = std::make_shared<const SchemaValidator>(LoadSchemaOrDie("plan.schema.json"));
  auto approval_schema =
      std::make_shared<const SchemaValidator>(LoadSchemaOrDie("plan_approval.schema.json"));
  auto cancel_schema =
      std::make_shared<const SchemaValidator>(LoadSchemaOrDie("cancellation.schema.json"));
  const auto unwired = [] {
    return ErrorResponse(Unavailable("payment plans are not wired into the API"));
  };

  router.Add(
      "POST", "/v1/plans", kRecorders, [context, plan_schema, unwired](const RouteContext& route) {
        if (context->plans == nullptr) return unwired();
        bool ask_exception = false;
        Result<PlanDraft> draft = Draft(*context, *plan_schema, route, &ask_exception);
        if (!draft) return ErrorResponse(draft.error());
        return PlanResponse(context->plans->CreatePlan(*draft, ask_exception, ActorOf(route)));
      });
  router.Add("POST", "/v1/plans/check", kRecorders,
             [context, plan_schema, unwired](const RouteContext& route) {
               if (context->plans == nullptr) return unwired();
               Result<PlanDraft> draft = Draft(*context, *plan_schema, route, nullptr);
               if (!draft) return ErrorResponse(draft.error());
               Result<PlanCheck> check = context->plans->CheckPlan(*draft);
               if (!check) return ErrorResponse(check.error());
               return JsonBody(PlanCheckJson(*check));
             });
  router.Add("GET", "/v1/plans", kRecorders, [context, unwired](const RouteContext& route) {
    if (context->plans == nullptr) return unwired();
    return ListPlans(*context->plans, route);
  });
  router.Add("GET", "/v1/plans/{id}", kRecorders, [context, unwired](const RouteContext& route) {
    if (context->plans == nullptr) return unwired();
    Result<std::int64_t> id = PlanId(route);
    if (!id) return ErrorResponse(id.error());
    return PlanResponse(context->plans->GetPlan(*id));
  });
  router.Add("POST", "/v1/plans/{id}/approve", kApprovers,
             [context, approval_schema, unwired](const RouteContext& route) {
               if (context->plans == nullptr) return unwired();
               Result<nlohmann::json> body = ParseJson(route.request.body);
               if (!body) return ErrorResponse(body.error());
               if (Status valid = approval_schema->Validate(*body); !valid) {
                 return ErrorResponse(valid.error());
               }
               Result<std::int64_t> id = PlanId(route);
               if (!id) return ErrorResponse(id.error());
               Result<std::string> manager = Manager(*context, route, body->value("manager", ""));
               if (!manager) return ErrorResponse(manager.error());
               return PlanResponse(context->plans->ApprovePlan(*id, *manager, ActorOf(route)));
             });
  router.Add("POST", "/v1/plans/{id}/cancel", kRecorders,
             [context, cancel_schema, unwired](const RouteContext& route) {
               if (context->plans == nullptr) return unwired();
               Result<nlohmann::json> body = ParseJson(route.request.body);
               if (!body) return ErrorResponse(body.error());
               if (Status valid = cancel_schema->Validate(*body); !valid) {
                 return ErrorResponse(valid.error());
               }
               Result<std::int64_t> id = PlanId(route);
               if (!id) return ErrorResponse(id.error());
               return PlanResponse(context->plans->CancelPlan(*id, ActorOf(route)));
             });
}

}  // namespace duly::daemon
