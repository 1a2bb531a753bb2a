// Reading API requests: pagination parameters, batch bodies, the acting principal.
//
// Promise: PageFromQuery accepts ?limit= (1..1000, default 100) and ?after=; a bad limit is a
// kInvalidArgument naming the field "limit". DecodeBatch runs the three checks of a batch body in
// order and stops at the first that fails, so nothing reaches the store unless all pass:
// (1) the body parses as JSON (malformed JSON or invalid UTF-8: one error, field ""),
// (2) it matches the schema (one FieldError per failing field, by JSON pointer),
// (3) every item decodes (impossible dates, bad base64, ...; errors of all items together).
// PrefixFields re-roots store errors named relative to the batch ("/3/customer") under the
// body's array ("/invoices/3/customer").
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "daemon/http/http_types.h"
#include "daemon/http/router.h"
#include "workflows/record_json.h"
#include "workflows/schema_validator.h"
#include "workflows/status.h"
#include "workflows/store.h"

namespace duly::daemon {

inline constexpr int kDefaultPageLimit = 100;
inline constexpr int kMaxPageLimit = 1000;

Result<PageRequest> PageFromQuery(const HttpRequest& request);

// "token:<name>" of the route's principal. REQUIRES: a non-public route (principal is set).
Actor ActorOf(const RouteContext& route);

// Loads an embedded schema at startup. Aborts with a log line when it cannot (a build defect).
SchemaValidator LoadSchemaOrDie(const char* file_name);

Error PrefixFields(Error error, const std::string& pointer);

template <typename T>
using JsonDecoder = Result<T> (*)(const nlohmann::json& object, const std::string& at);

// The records of `array_name` in the request body (see the header comment for the checks).
template <typename T>
Result<std::vector<T>> DecodeBatch(const HttpRequest& request, const SchemaValidator& schema,
                                   const std::string& array_name, JsonDecoder<T> decode) {
  Result<nlohmann::json> body = ParseJson(request.body);
  if (!body) return std::move(body).error();
  if (Status valid = schema.Validate(*body); !valid) return std::move(valid).error();
  const nlohmann::json& items = (*body)[array_name];
  std::vector<T> records;
  records.reserve(items.size());
  std::vector<FieldError> fields;
  for (std::size_t i = 0; i < items.size(); ++i) {
    Result<T> record = decode(items[i], "/" + array_name + "/" + std::to_string(i));
    if (record) {
      records.push_back(std::move(*record));
    } else {
      for (const FieldError& field : record.error().fields) fields.push_back(field);
    }
  }
  if (!fields.empty()) {
    std::string message = "the " + array_name + " have " + std::to_string(fields.size()) +
                          (fields.size() == 1 ? " problem" : " problems") + ", the first at " +
                          fields.front().field + ": " + fields.front().message;
    return InvalidArgument(std::move(message), std::move(fields));
  }
  return records;
}

}  // namespace duly::daemon
