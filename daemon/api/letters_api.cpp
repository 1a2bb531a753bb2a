// GET /v1/letters/batches/{day}, GET /v1/letters/batches/{day}/pdf and POST /v1/letters/print:
// the daily print batches of the letter channel (channels/print) and printing due ones now.
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "channels/print/print_batch.h"
#include "channels/print/spool_file.h"
#include "daemon/api/api_request.h"
#include "daemon/api/api_response.h"
#include "daemon/api/resource_routes.h"

namespace duly::daemon {
namespace {

nlohmann::json RegisterJson(const channels::PrintRegister& batch) {
  nlohmann::json letters = nlohmann::json::array();
  for (const channels::PrintedLetter& letter : batch.letters) {
    letters.push_back({{"message", letter.message},
                       {"customer", letter.customer},
                       {"recipient", letter.recipient_name},
                       {"first_page", letter.first_page},
                       {"pages", letter.pages}});
  }
  return {{"day", FormatCalendarDate(batch.day)},
          {"pages", batch.pages},
          {"letters", letters},
          {"pdf", "/v1/letters/batches/" + FormatCalendarDate(batch.day) + "/pdf"}};
}

Result<CalendarDate> DayParam(const RouteContext& route) {
  Result<CalendarDate> day = ParseCalendarDate(route.params.at("day"));
  if (!day) return FieldInvalid("day", "must be a date YYYY-MM-DD");
  return day;
}

Status NeedLetters(const ApiContext& context) {
  if (context.letters_dir.empty() || !context.print_letters) {
    return Unavailable("letters are not set up in this daemon");
  }
  return Status::Ok();
}

}  // namespace

void AddLetterRoutes(Router& router, const SharedApiContext& context) {
  const std::set<Role> readers = {Role::kAdmin, Role::kManager, Role::kCollector};
  const std::set<Role> printers = {Role::kAdmin, Role::kManager};
  router.Add("GET", "/v1/letters/batches/{day}", readers, [context](const RouteContext& route) {
    if (Status ready = NeedLetters(*context); !ready) return ErrorResponse(ready.error());
    Result<CalendarDate> day = DayParam(route);
    if (!day) return ErrorResponse(day.error());
    Result<channels::PrintRegister> batch = channels::ReadPrintRegister(context->letters_dir, *day);
    if (!batch) return ErrorResponse(batch.error());
    return JsonBody(RegisterJson(*batch));
  });
  router.Add("GET", "/v1/letters/batches/{day}/pdf", readers, [context](const RouteContext& route) {
    if (Status ready = NeedLetters(*context); !ready) return ErrorResponse(ready.error());
    Result<CalendarDate> day = DayParam(route);
    if (!day) return ErrorResponse(day.error());
    Result<channels::PrintRegister> batch = channels::ReadPrintRegister(context->letters_dir, *day);
    if (!batch) return ErrorResponse(batch.error());
    Result<std::string> pdf = channels::ReadWholeFile(batch->pdf);
    if (!pdf) return ErrorResponse(pdf.error());
    HttpResponse response;
    response.content_type = "application/pdf";
    response.body = std::move(*pdf);
    response.headers.emplace_back("Content-Disposition", "attachment; filename=\"letters-" +
                                                             FormatCalendarDate(*day) + ".pdf\"");
    response.headers.emplace_back("X-Content-Type-Options", "nosniff");
    return response;
  });
  router.Add("POST", "/v1/letters/print", printers, [context](const RouteContext&) {
    if (Status ready = NeedLetters(*context); !ready) return ErrorResponse(ready.error());
    Result<std::vector<channels::PrintRegister>> printed = context->print_letters();
    if (!printed) return ErrorResponse(printed.error());
    nlohmann::json batches = nlohmann::json::array();
    for (const channels::PrintRegister& batch : *printed) batches.push_back(RegisterJson(batch));
    return JsonBody({{"printed", batches}});
  });
}

}  // namespace duly::daemon
