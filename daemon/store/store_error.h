// duly::daemon::StoreError: turns exceptions thrown by SOCI (or the standard library) inside the
// store into a duly::Error, at the adapter boundary.
//
// Promise: soci_error is sorted by get_error_category() (constraint_violation -> kConflict,
// connection_error -> kUnavailable, everything else kInternal). The SQLite backend of SOCI 4.0.3
// does not fill the category (it always answers `unknown`), so sqlite3_soci_error is sorted by
// its SQLite result code instead (CONSTRAINT -> kConflict; BUSY, LOCKED, CANTOPEN, IOERR, FULL
// -> kUnavailable). The message is "context: cause". Pure functions; thread-safe.
#pragma once

#include <exception>
#include <string>
#include <vector>

#include "workflows/status.h"

namespace duly::daemon {

Error StoreError(const std::exception& failure, const std::string& context);

// kInvalidArgument for a refused batch: "2 problems in the invoice batch" with the fields.
// `what` names the records ("invoice").
Error BatchError(const std::string& what, std::vector<FieldError> errors);

// Runs body() and turns any exception into an Error with `context`. R is Result<T> or Status.
template <typename R, typename Body>
R Guarded(const std::string& context, Body&& body) {
  try {
    return body();
  } catch (const std::exception& failure) {
    return StoreError(failure, context);
  }
}

}  // namespace duly::daemon
