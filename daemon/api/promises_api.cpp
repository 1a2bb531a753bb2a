// Promises to pay: POST/GET /v1/promises and POST /v1/promises/{id}/cancel. Collectors and
// managers record and cancel; the PromiseStore checks the invoices and amount in its transaction.
#include <algorithm>
#include <memory>
#include <set>
#include <string>

#include "daemon/api/api_request.h"
#include "daemon/api/api_response.h"
#include "daemon/api/plans_json.h"
#include "daemon/api/resource_routes.h"
#include "workflows/plans/promise_store.h"

namespace duly::daemon {
namespace {

const std::set<Role> kRecorders = {Role::kAdmin, Role::kManager, Role::kCollector};

Result<std::int64_t> PromiseId(const RouteContext& route) {
  const std::string& text = route.params.at("id");
  if (text.empty() || text.size() > 18 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return NotFound("promise " + text + " does not exist (promise ids are whole numbers)");
  }
  return std::stoll(text);
}

HttpResponse PromiseResponse(const Result<Promise>& promise, int status = 200) {
  if (!promise) return ErrorResponse(promise.error());
  return JsonBody(PromiseJson(*promise), status);
}

HttpResponse ListPromises(PromiseStore& promises, const RouteContext& route) {
  const auto& query = route.request.query;
  PromiseFilter filter;
  Result<PageRequest> page = PageFromQuery(route.request);
  if (!page) return ErrorResponse(page.error());
  filter.limit = page->limit;
  if (auto found = query.find("customer"); found != query.end()) filter.customer = found->second;
  if (auto found = query.find("state"); found != query.end()) {
    Result<PromiseState> state = ParsePromiseState(found->second);
    if (!state) return ErrorResponse(FieldInvalid("state", state.error().fields.front().message));
    filter.state = *state;
  }
  Result<std::vector<Promise>> listed = promises.ListPromises(filter);
  if (!listed) return ErrorResponse(listed.error());
  nlohmann::json items = nlohmann::json::array();
  for (const Promise& promise : *listed) items.push_back(PromiseJson(promise));
  return JsonBody({{"items", std::move(items)}});
}

}  // namespace

void AddPromiseRoutes(Router& router, const SharedApiContext& context) {
  auto promise_schema =
      std::make_shared<const SchemaValidator>(LoadSchemaOrDie("promise.schema.json"));
  auto cancel_schema =
      std::make_shared<const SchemaValidator>(LoadSchemaOrDie("cancellation.schema.json"));
  const auto unwired = [] {
    return ErrorResponse(Unavailable("promises to pay are not wired into the API"));
  };

  router.Add("POST", "/v1/promises", kRecorders,
             [context, promise_schema, unwired](const RouteContext& route) {
               if (context->promises == nullptr) return unwired();
               Result<nlohmann::json> body = ParseJson(route.request.body);
               if (!body) return ErrorResponse(body.error());
               if (Status valid = promise_schema->Validate(*body); !valid) {
                 return ErrorResponse(valid.error());
               }
               Result<NewPromise> promise = PromiseFromBody(*body);
               if (!promise) return ErrorResponse(promise.error());
               return PromiseResponse(context->promises->RecordPromise(*promise, ActorOf(route)));
             });
  router.Add("GET", "/v1/promises", kRecorders, [context, unwired](const RouteContext& route) {
    if (context->promises == nullptr) return unwired();
    return ListPromises(*context->promises, route);
  });
  router.Add("POST", "/v1/promises/{id}/cancel", kRecorders,
             [context, cancel_schema, unwired](const RouteContext& route) {
               if (context->promises == nullptr) return unwired();
               Result<nlohmann::json> body = ParseJson(route.request.body);
               if (!body) return ErrorResponse(body.error());
               if (Status valid = cancel_schema->Validate(*body); !valid) {
                 return ErrorResponse(valid.error());
               }
               Result<std::int64_t> id = PromiseId(route);
               if (!id) return ErrorResponse(id.error());
               return PromiseResponse(context->promises->CancelPromise(*id, ActorOf(route)));
             });
}

}  // namespace duly::daemon
