#include "daemon/api/openapi_document.h"

#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "schemas/files.h"
#include "workflows/record_json.h"

namespace duly::daemon {
namespace {

using nlohmann::json;

constexpr std::string_view kSchemaSuffix = ".schema.json";
constexpr std::string_view kDefinitions = "#/definitions/";

// "customer.schema.json" -> "customer".
std::string ComponentName(std::string_view file) {
  return std::string(file.substr(0, file.size() - kSchemaSuffix.size()));
}

// Rewrites a $ref found in `file` ("" for openapi.json) to a components reference.
std::string BundledRef(const std::string& ref, std::string_view file) {
  const std::size_t hash = ref.find('#');
  const std::string target_file = ref.substr(0, hash);
  const std::string fragment = hash == std::string::npos ? "" : ref.substr(hash);
  const std::string owner = target_file.empty() ? std::string(file) : target_file;
  if (!owner.ends_with(kSchemaSuffix)) return ref;  // already inside openapi.json
  if (fragment.empty() || fragment == "#") return "#/components/schemas/" + ComponentName(owner);
  if (fragment.starts_with(kDefinitions)) {
    return "#/components/schemas/" + ComponentName(owner) + "." +
           fragment.substr(kDefinitions.size());
  }
  // Any other pointer into a bundled schema ("segments.schema.json#/properties/segments/items").
  if (fragment.starts_with("#/")) {
    return "#/components/schemas/" + ComponentName(owner) + fragment.substr(1);
  }
  return ref;
}

void RewriteRefs(json& node, std::string_view file) {
  if (node.is_object()) {
    for (auto& [key, value] : node.items()) {
      if (key == "$ref" && value.is_string()) {
        value = BundledRef(value.get<std::string>(), file);
      } else {
        RewriteRefs(value, file);
      }
    }
  } else if (node.is_array()) {
    for (json& item : node) RewriteRefs(item, file);
  }
}

}  // namespace

Result<std::string> BundledOpenApiDocument() {
  const auto& files = schemas::Files();
  auto text = files.find("openapi.json");
  if (text == files.end()) return InternalError("schemas/openapi.json is not embedded");
  json document = json::parse(text->second, nullptr, /*allow_exceptions=*/false);
  if (!document.is_object()) return InternalError("schemas/openapi.json is not a JSON object");
  RewriteRefs(document, "");
  json& components = document["components"]["schemas"];
  for (const auto& [name, schema_text] : files) {
    if (!name.ends_with(kSchemaSuffix)) continue;
    json schema = json::parse(schema_text, nullptr, /*allow_exceptions=*/false);
    if (!schema.is_object()) return InternalError(std::string(name) + " is not a JSON object");
    RewriteRefs(schema, name);
    if (auto definitions = schema.find("definitions"); definitions != schema.end()) {
      for (auto& [key, value] : definitions->items()) {
        components[ComponentName(name) + "." + key] = value;
      }
    }
    schema.erase("definitions");
    schema.erase("$schema");
    if (schema.contains("type")) {  // a record or body schema, not only a holder of definitions
      components[ComponentName(name)] = std::move(schema);
    }
  }
  return DumpJson(document);
}

}  // namespace duly::daemon
