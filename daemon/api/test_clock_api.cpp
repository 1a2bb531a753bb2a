// POST /v1/test/clock: moves dulyd's test clock and lets the engine catch up.
#include <chrono>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "daemon/api/api_request.h"
#include "daemon/api/api_response.h"
#include "daemon/api/iso_instant.h"
#include "daemon/api/resource_routes.h"

namespace duly::daemon {
namespace {

// Where the body asks the clock to go. Errors: 400 naming the field; 409 naming it when that is
// before now (the clock never goes back).
Result<Instant> Target(const nlohmann::json& body, Instant now) {
  if (body.contains("to")) {
    Result<Instant> to = ParseIsoInstant(body["to"].get<std::string>());
    if (!to) return FieldInvalid("/to", to.error().message);
    if (*to < now) {
      return Error{
          ErrorCode::kConflict,
          "the test clock never goes back: /to is before its now (" + FormatInstantUtc(now) + ")",
          {{"/to", "is before the clock's now, " + FormatInstantUtc(now)}}};
    }
    return *to;
  }
  const auto seconds = body["advance_seconds"].get<std::int64_t>();
  if (seconds < 0) {
    return Error{ErrorCode::kConflict,
                 "the test clock never goes back: /advance_seconds is negative",
                 {{"/advance_seconds", "must be 0 or more"}}};
  }
  return now + std::chrono::seconds(seconds);
}

}  // namespace

void AddTestClockRoutes(Router& router, const SharedApiContext& context) {
  auto schema = std::make_shared<const SchemaValidator>(LoadSchemaOrDie("test_clock.schema.json"));
  // Moves and catch-ups happen one at a time, so "fired" counts this request's timers.
  auto moving = std::make_shared<std::mutex>();
  router.Add("POST", "/v1/test/clock", {Role::kAdmin},
             [context, schema, moving](const RouteContext& route) {
               if (context->test_clock == nullptr || !context->catch_up_engine) {
                 return ErrorResponse(Error{
                     ErrorCode::kPermissionDenied,
                     "dulyd runs on the system clock; start it with --test-clock to move time",
                     {}});
               }
               Result<nlohmann::json> body = ParseJson(route.request.body);
               if (!body) return ErrorResponse(body.error());
               if (Status valid = schema->Validate(*body); !valid) {
                 return ErrorResponse(valid.error());
               }
               std::lock_guard lock(*moving);
               Result<Instant> target = Target(*body, context->test_clock->Now());
               if (!target) return ErrorResponse(target.error());
               // Moved with the engine held, so the scheduler's loop cannot fire the timers that
               // became due before this request counts them.
               Result<FireReport> report = context->catch_up_engine(
                   [&context, &target] { context->test_clock->Set(*target); });
               if (!report) return ErrorResponse(report.error());
               return JsonBody({{"now", FormatInstantUtc(context->test_clock->Now())},
                                {"fired", report->fired}});
             });
}

}  // namespace duly::daemon
