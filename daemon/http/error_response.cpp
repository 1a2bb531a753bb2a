#include "daemon/http/error_response.h"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace duly::daemon {

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kTooLarge:
      return 413;
    case ErrorCode::kPolicy:
      return 422;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

HttpResponse ErrorResponse(const Error& error) {
  nlohmann::json fields = nlohmann::json::array();
  std::string message = error.message;
  if (error.code == ErrorCode::kInternal) {
    spdlog::error("internal error answered as 500: {}", error.message);
    message = "internal error; the details are in the server log";
  } else {
    for (const FieldError& field : error.fields) {
      fields.push_back({{"field", field.field}, {"message", field.message}});
    }
  }
  nlohmann::json body = {
      {"error",
       {{"code", ErrorCodeName(error.code)}, {"message", message}, {"fields", std::move(fields)}}}};
  HttpResponse response =
      JsonResponse(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                   HttpStatusFor(error.code));
  if (error.code == ErrorCode::kUnauthenticated) {
    response.headers.emplace_back("WWW-Authenticate", "Bearer");
  }
  return response;
}

}  // namespace duly::daemon
