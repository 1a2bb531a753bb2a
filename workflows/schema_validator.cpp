#include "workflows/schema_validator.h"

#include <algorithm>
#include <cstddef>
#include <exception>
#include <map>
#include <stdexcept>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

// valijson reports a schema it cannot compile by throwing (instead of aborting) with this set;
// only this file includes valijson, so the setting is the same everywhere it is used.
#define VALIJSON_USE_EXCEPTIONS 1
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "schemas/files.h"

namespace duly {

using nlohmann::json;

struct SchemaValidator::Compiled {
  valijson::Schema schema;
  json root;          // the schema document, for the wording of errors
  std::string title;  // "Invoice batch", or "the schema" when it has none
};

namespace {

// Every embedded *.json file parsed once; unparsable files are left out (Load reports them).
const std::map<std::string, json, std::less<>>& ParsedFiles() {
  static const auto* const files = [] {
    auto* parsed = new std::map<std::string, json, std::less<>>();
    for (const auto& [name, text] : schemas::Files()) {
      json document = json::parse(text, nullptr, /*allow_exceptions=*/false);
      if (!document.is_discarded()) parsed->emplace(std::string(name), std::move(document));
    }
    return parsed;
  }();
  return *files;
}

// "file.json#/a/b" -> the node it names; `document` is the document holding `node` and becomes
// the one holding the result. Returns nullptr when the reference leads nowhere.
const json* FollowRefs(const json* node, const json*& document) {
  for (int hops = 0; node != nullptr && hops < 16; ++hops) {
    if (!node->is_object()) return node;
    auto ref = node->find("$ref");
    if (ref == node->end() || !ref->is_string()) return node;
    const std::string& target = ref->get_ref<const std::string&>();
    const std::size_t hash = target.find('#');
    const std::string file = target.substr(0, hash);
    const std::string fragment = hash == std::string::npos ? "" : target.substr(hash + 1);
    if (!file.empty()) {
      auto found = ParsedFiles().find(file);
      if (found == ParsedFiles().end()) return nullptr;
      document = &found->second;
    }
    try {
      const json::json_pointer pointer(fragment);
      if (!document->contains(pointer)) return nullptr;
      node = &document->at(pointer);
    } catch (const json::exception&) {
      return nullptr;
    }
  }
  return node;
}

// The subschema that governs the instance at `tokens`, following properties, items and
// additionalProperties; nullptr when it cannot be told.
const json* SchemaAt(const json& root, const std::vector<std::string>& tokens) {
  const json* document = &root;
  const json* node = FollowRefs(&root, document);
  for (const std::string& token : tokens) {
    if (node == nullptr || !node->is_object()) return nullptr;
    auto properties = node->find("properties");
    auto items = node->find("items");
    auto additional = node->find("additionalProperties");
    if (properties != node->end() && properties->is_object() && properties->contains(token)) {
      node = &(*properties)[token];
    } else if (items != node->end() && items->is_object()) {
      node = &*items;
    } else if (additional != node->end() && additional->is_object()) {
      node = &*additional;
    } else {
      return nullptr;
    }
    node = FollowRefs(node, document);
  }
  return node;
}

std::string Pointer(const std::vector<std::string>& tokens) {
  std::string pointer;
  for (const std::string& token : tokens) pointer += "/" + EscapePointerToken(token);
  return pointer;
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// The text between the first pair of single quotes after `prefix`.
std::string QuotedName(const std::string& description, std::string_view prefix) {
  const std::string rest = description.substr(prefix.size());
  const std::size_t end = rest.rfind('\'');
  return end == std::string::npos ? rest : rest.substr(0, end);
}

std::string WithArticle(const std::string& type) {
  const bool vowel = !type.empty() && std::string_view("aeiou").find(type[0]) != std::string::npos;
  return (vowel ? "an " : "a ") + type;
}

std::string TypeName(const json& value) {
  if (value.is_number_integer()) return "integer";
  if (value.is_number()) return "number";
  return value.type_name();
}

std::string ExpectedTypes(const json& type) {
  if (type.is_string()) return WithArticle(type.get<std::string>());
  std::string text;
  if (type.is_array()) {
    for (const json& one : type) {
      if (!one.is_string()) continue;
      text += (text.empty() ? "" : " or ") + WithArticle(one.get<std::string>());
    }
  }
  return text.empty() ? "another type" : text;
}

std::string EnumList(const json& values) {
  std::string text;
  for (const json& value : values) {
    text += (text.empty() ? "" : ", ") +
            (value.is_string() ? value.get<std::string>()
                               : value.dump(-1, ' ', false, json::error_handler_t::replace));
  }
  return text;
}

std::string NumberText(const json& schema, const char* key) {
  auto found = schema.find(key);
  return found == schema.end() ? "?" : found->dump();
}

struct Problem {
  std::vector<std::string> tokens;
  std::string message;
  bool summary = false;  // only repeats a deeper problem
};

// Rewrites one valijson error into a pointer and a readable message.
Problem Explain(const json& root, const json& document,
                const valijson::ValidationResults::Error& error) {
  Problem problem;
  for (std::size_t i = 1; i < error.context.size(); ++i) {
    const std::string& part = error.context[i];
    problem.tokens.push_back(part.size() >= 2 ? part.substr(1, part.size() - 2) : part);
  }
  const std::string& text = error.description;
  static constexpr std::string_view kMissing = "Missing required property '";
  static constexpr std::string_view kUnknown =
      "Object contains a property that could not be validated using 'properties' or "
      "'additionalProperties' constraints: '";
  if (StartsWith(text, kMissing)) {
    problem.tokens.push_back(QuotedName(text, kMissing));
    problem.message = "is required";
    return problem;
  }
  if (StartsWith(text, kUnknown)) {
    problem.tokens.push_back(QuotedName(text, kUnknown));
    problem.message = "is not an allowed field here";
    return problem;
  }
  for (std::string_view summary :
       {"Failed to validate item #", "Failed to validate against schema associated with property",
        "Failed to validate against additional properties schema",
        "Failed to validate against schema associated with pattern",
        "Failed to validate against child schema",
        "Failed to validate against a conditional schema"}) {
    if (StartsWith(text, summary)) problem.summary = true;
  }
  problem.message = text;
  const json* schema = SchemaAt(root, problem.tokens);
  if (schema == nullptr || !schema->is_object()) return problem;
  if (StartsWith(text, "Value type not permitted") && schema->contains("type")) {
    std::string actual = "?";
    try {
      const json::json_pointer pointer(Pointer(problem.tokens));
      if (document.contains(pointer)) actual = TypeName(document.at(pointer));
    } catch (const json::exception&) {
    }
    problem.message =
        "must be " + ExpectedTypes(schema->at("type")) + ", not " + WithArticle(actual);
  } else if (StartsWith(text, "Failed to match regex")) {
    auto description = schema->find("description");
    problem.message = description != schema->end() && description->is_string()
                          ? "must be " + description->get<std::string>()
                          : "must match the pattern " + NumberText(*schema, "pattern");
  } else if (StartsWith(text, "Failed to match against any enum values") &&
             schema->contains("enum")) {
    problem.message = "must be one of: " + EnumList(schema->at("enum"));
  } else if (StartsWith(text, "String should be no more than")) {
    problem.message = "must be at most " + NumberText(*schema, "maxLength") + " characters";
  } else if (StartsWith(text, "String should be no fewer than")) {
    const std::string minimum = NumberText(*schema, "minLength");
    problem.message =
        minimum == "1" ? "must not be empty" : "must be at least " + minimum + " characters";
  } else if (StartsWith(text, "Array should contain no more than")) {
    problem.message = "must have at most " + NumberText(*schema, "maxItems") + " items";
  }
  return problem;
}

std::vector<FieldError> FieldErrors(const json& root, const json& document,
                                    const valijson::ValidationResults& results) {
  std::vector<Problem> problems;
  for (const auto& error : results) problems.push_back(Explain(root, document, error));
  std::vector<FieldError> fields;
  for (const Problem& problem : problems) {
    const std::string pointer = Pointer(problem.tokens);
    if (problem.summary) {
      const bool repeated =
          std::any_of(problems.begin(), problems.end(), [&](const Problem& other) {
            if (other.summary) return false;
            const std::string deeper = Pointer(other.tokens);
            return deeper == pointer || StartsWith(deeper, pointer + "/");
          });
      if (repeated) continue;
    }
    FieldError field{pointer, problem.message};  // "" names the whole document (RFC 6901)
    if (std::find(fields.begin(), fields.end(), field) == fields.end()) fields.push_back(field);
  }
  return fields;
}

Result<std::shared_ptr<const SchemaValidator::Compiled>> Compile(json root) {
  auto compiled = std::make_shared<SchemaValidator::Compiled>();
  compiled->root = std::move(root);
  compiled->title = "the schema";
  if (compiled->root.is_object() && compiled->root.contains("title") &&
      compiled->root["title"].is_string()) {
    compiled->title = compiled->root["title"].get<std::string>();
  }
  try {
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    const valijson::adapters::NlohmannJsonAdapter adapter(compiled->root);
    parser.populateSchema(
        adapter, compiled->schema,
        [](const std::string& uri) -> const json* {
          const std::string file = uri.substr(uri.rfind('/') + 1);
          auto found = ParsedFiles().find(file);
          return found == ParsedFiles().end() ? nullptr : new json(found->second);
        },
        [](const json* document) { delete document; });
  } catch (const std::exception& problem) {
    return InvalidArgument(std::string("schema cannot be compiled: ") + problem.what());
  }
  return std::shared_ptr<const SchemaValidator::Compiled>(std::move(compiled));
}

}  // namespace

std::string EscapePointerToken(std::string_view token) {
  std::string escaped;
  for (char c : token) {
    if (c == '~') {
      escaped += "~0";
    } else if (c == '/') {
      escaped += "~1";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

SchemaValidator::SchemaValidator(std::shared_ptr<const Compiled> compiled)
    : compiled_(std::move(compiled)) {}

Result<SchemaValidator> SchemaValidator::Load(std::string_view file_name) {
  const auto& files = schemas::Files();
  auto text = files.find(file_name);
  if (text == files.end()) {
    return NotFound("no embedded schema named " + std::string(file_name));
  }
  json root = json::parse(text->second, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) {
    return InternalError("embedded schema " + std::string(file_name) + " is not valid JSON");
  }
  auto compiled = Compile(std::move(root));
  if (!compiled) {
    return InternalError(std::string(file_name) + ": " + compiled.error().message);
  }
  return SchemaValidator(std::move(*compiled));
}

Result<SchemaValidator> SchemaValidator::FromDocument(const json& schema) {
  auto compiled = Compile(schema);
  if (!compiled) return std::move(compiled).error();
  return SchemaValidator(std::move(*compiled));
}

Status SchemaValidator::Validate(const json& document) const {
  valijson::Validator validator;
  valijson::ValidationResults results;
  const valijson::adapters::NlohmannJsonAdapter target(document);
  if (validator.validate(compiled_->schema, target, &results)) return Status::Ok();
  std::vector<FieldError> fields = FieldErrors(compiled_->root, document, results);
  std::string message = compiled_->title + " is invalid";
  if (!fields.empty()) {
    message += ": " + std::to_string(fields.size()) +
               (fields.size() == 1 ? " problem" : " problems") + ", the first at " +
               fields.front().field + ": " + fields.front().message;
  }
  return InvalidArgument(std::move(message), std::move(fields));
}

}  // namespace duly
