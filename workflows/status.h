// duly::Status and duly::Result<T>: how every domain and store operation reports failure.
//
// Promise: an Error carries a code (what kind of failure, mapped to HTTP in one place), a message
// that names the cause, and for validation failures one FieldError per failing field, each with a
// JSON pointer ("/invoices/3/amount") or a CSV position ("row 4, column amount"). Result<T> follows
// the std::expected API (has_value, value, error, operator*, operator->) so a move to C++23 is
// mechanical. Values of these types are plain data: copyable, movable, not synchronised.
#pragma once

#include <cstdlib>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace duly {

// What kind of failure an Error is. Each maps to one HTTP status (daemon/http/error_response.cpp).
enum class ErrorCode {
  kInvalidArgument,   // the input breaks a rule of its format or schema (400)
  kUnauthenticated,   // no valid credentials were presented (401)
  kPermissionDenied,  // credentials are valid but the role does not admit the operation (403)
  kNotFound,          // the named thing does not exist (404)
  kConflict,          // the change clashes with the stored state, e.g. a duplicate key (409)
  kPolicy,            // well-formed but refused by a business rule (422)
  kTooLarge,          // the input exceeds a configured size limit (413)
  kUnavailable,       // a dependency (database, provider) cannot be reached now; retry (503)
  kInternal,          // a bug or an unexpected state; details are logged, not sent (500)
};

// Returns the stable lower_snake name of a code ("invalid_argument"), used in API error bodies.
const char* ErrorCodeName(ErrorCode code);

// One failing field of a validation error.
struct FieldError {
  std::string field;    // JSON pointer ("/amount") or CSV position ("row 4, column amount")
  std::string message;  // what is wrong with it, in words a user can act on
  friend bool operator==(const FieldError&, const FieldError&) = default;
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;             // names the cause ("invoice INV-7: customer C9 does not exist")
  std::vector<FieldError> fields;  // non-empty for validation errors

  // Returns a copy whose message is "context: message" (like LevelDB's msg2).
  Error WithContext(const std::string& context) const;
};

Error InvalidArgument(std::string message, std::vector<FieldError> fields = {});
Error FieldInvalid(std::string field, std::string message);  // one-field kInvalidArgument
Error NotFound(std::string message);
Error Conflict(std::string message);
Error PolicyError(std::string message);
Error Unavailable(std::string message);
Error InternalError(std::string message);

// Result<T>: either a T or an Error.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  // REQUIRES: has_value(). Aborts otherwise (a programmer error).
  T& value() & { return Checked(); }
  const T& value() const& { return const_cast<Result*>(this)->Checked(); }
  T&& value() && { return std::move(Checked()); }
  T& operator*() & { return Checked(); }
  const T& operator*() const& { return const_cast<Result*>(this)->Checked(); }
  T* operator->() { return &Checked(); }
  const T* operator->() const { return &const_cast<Result*>(this)->Checked(); }

  // REQUIRES: !has_value().
  const Error& error() const& {
    if (has_value()) std::abort();
    return std::get<1>(state_);
  }
  Error&& error() && {
    if (has_value()) std::abort();
    return std::get<1>(std::move(state_));
  }

 private:
  T& Checked() {
    if (!has_value()) std::abort();
    return std::get<0>(state_);
  }
  std::variant<T, Error> state_;
};

// Status: success or an Error.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error)
      : error_(std::move(error)), ok_(false) {}  // NOLINT(google-explicit-constructor)
  static Status Ok() { return {}; }

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  // REQUIRES: !ok().
  const Error& error() const& {
    if (ok_) std::abort();
    return error_;
  }
  Error&& error() && {
    if (ok_) std::abort();
    return std::move(error_);
  }

 private:
  Error error_;
  bool ok_ = true;
};

// Aborts with the source location when a programmer's assumption does not hold. Never thrown.
// (clang 14 lacks std::source_location, hence file and line.)
[[noreturn]] void CheckFailed(const char* expression, const char* file, int line);

}  // namespace duly

#define DULY_CHECK(expr)                                         \
  do {                                                           \
    if (!(expr)) ::duly::CheckFailed(#expr, __FILE__, __LINE__); \
  } while (false)
