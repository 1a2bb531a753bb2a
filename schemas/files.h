// The JSON Schemas and OpenAPI document of schemas/, embedded at build time.
//
// Promise: Files() maps each file name ("invoice.schema.json") to its exact bytes; the map is
// built once and is safe to read from any thread.
#pragma once

#include <map>
#include <string_view>

namespace duly::schemas {

const std::map<std::string_view, std::string_view>& Files();

}  // namespace duly::schemas
