#include "daemon/store/store_error.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

namespace duly::daemon {
namespace {

// SQLite primary result codes (sqlite3.h); the backend reports them through result().
constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;
constexpr int kSqliteIoError = 10;
constexpr int kSqliteFull = 13;
constexpr int kSqliteCantOpen = 14;
constexpr int kSqliteConstraint = 19;

Error FromSqlite(const soci::sqlite3_soci_error& failure, const std::string& message) {
  switch (failure.result() & 0xff) {
    case kSqliteConstraint:
      return Conflict(message);
    case kSqliteBusy:
    case kSqliteLocked:
    case kSqliteIoError:
    case kSqliteFull:
    case kSqliteCantOpen:
      return Unavailable(message);
    default:
      return InternalError(message);
  }
}

}  // namespace

Error StoreError(const std::exception& failure, const std::string& context) {
  const std::string message = context + ": " + failure.what();
  if (const auto* sqlite = dynamic_cast<const soci::sqlite3_soci_error*>(&failure)) {
    return FromSqlite(*sqlite, message);
  }
  if (const auto* soci_failure = dynamic_cast<const soci::soci_error*>(&failure)) {
    switch (soci_failure->get_error_category()) {
      case soci::soci_error::constraint_violation:
        return Conflict(message);
      case soci::soci_error::connection_error:
        return Unavailable(message);
      default:
        return InternalError(message);
    }
  }
  return InternalError(message);
}

Error BatchError(const std::string& what, std::vector<FieldError> errors) {
  std::string message = std::to_string(errors.size()) +
                        (errors.size() == 1 ? " problem in the " : " problems in the ") + what +
                        " batch";
  return InvalidArgument(std::move(message), std::move(errors));
}

}  // namespace duly::daemon
