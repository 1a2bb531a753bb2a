#include "daemon/api/api_request.h"

#include <charconv>
#include <cstdlib>

#include <spdlog/spdlog.h>

namespace duly::daemon {

Result<PageRequest> PageFromQuery(const HttpRequest& request) {
  PageRequest page;
  page.limit = kDefaultPageLimit;
  if (auto limit = request.query.find("limit"); limit != request.query.end()) {
    const std::string& text = limit->second;
    int value = 0;
    auto [end, problem] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || problem != std::errc() || end != text.data() + text.size() || value < 1 ||
        value > kMaxPageLimit) {
      return FieldInvalid("limit", "must be a whole number from 1 to " +
                                       std::to_string(kMaxPageLimit) + "; it is \"" + text + "\"");
    }
    page.limit = value;
  }
  if (auto after = request.query.find("after"); after != request.query.end()) {
    page.after = after->second;
  }
  return page;
}

Actor ActorOf(const RouteContext& route) {
  DULY_CHECK(route.principal.has_value());
  return Actor{"token:" + route.principal->name};
}

SchemaValidator LoadSchemaOrDie(const char* file_name) {
  Result<SchemaValidator> schema = SchemaValidator::Load(file_name);
  if (!schema) spdlog::critical("cannot load schema {}: {}", file_name, schema.error().message);
  DULY_CHECK(schema.has_value());
  return *schema;
}

Error PrefixFields(Error error, const std::string& pointer) {
  for (FieldError& field : error.fields) {
    if (!field.field.starts_with('/')) continue;
    field.field = pointer + field.field;
    // The record's document bytes arrive as content_base64 in JSON.
    if (field.field.ends_with("/document/content")) field.field += "_base64";
  }
  return error;
}

}  // namespace duly::daemon
