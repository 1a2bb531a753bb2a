#include "workflows/status.h"

#include <cstdio>

namespace duly {

const char* ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "invalid_argument";
    case ErrorCode::kUnauthenticated:
      return "unauthenticated";
    case ErrorCode::kPermissionDenied:
      return "permission_denied";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kPolicy:
      return "policy";
    case ErrorCode::kTooLarge:
      return "too_large";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "internal";
}

Error Error::WithContext(const std::string& context) const {
  Error copy = *this;
  copy.message = context + ": " + message;
  return copy;
}

Error InvalidArgument(std::string message, std::vector<FieldError> fields) {
  return Error{ErrorCode::kInvalidArgument, std::move(message), std::move(fields)};
}
Error FieldInvalid(std::string field, std::string message) {
  std::string text = field + ": " + message;
  return Error{ErrorCode::kInvalidArgument,
               std::move(text),
               {FieldError{std::move(field), std::move(message)}}};
}
Error NotFound(std::string message) { return Error{ErrorCode::kNotFound, std::move(message), {}}; }
Error Conflict(std::string message) { return Error{ErrorCode::kConflict, std::move(message), {}}; }
Error PolicyError(std::string message) { return Error{ErrorCode::kPolicy, std::move(message), {}}; }
Error Unavailable(std::string message) {
  return Error{ErrorCode::kUnavailable, std::move(message), {}};
}
Error InternalError(std::string message) {
  return Error{ErrorCode::kInternal, std::move(message), {}};
}

void CheckFailed(const char* expression, const char* file, int line) {
  std::fprintf(stderr, "DULY_CHECK failed: %s at %s:%d\n", expression, file, line);
  std::abort();
}

}  // namespace duly
