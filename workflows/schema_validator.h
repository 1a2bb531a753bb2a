// duly::SchemaValidator: checks a JSON document against one of the embedded JSON Schemas
// (draft-07, schemas/*.schema.json) with valijson.
//
// Promise: Validate() reports every failing field, not just the first, as a kInvalidArgument
// Error with one FieldError per problem named by JSON pointer into the document
// ("/invoices/3/amount"; "" for the document itself). A missing required field or an unknown field
// is named by its own pointer ("/invoices/3/customer"), not its parent's. Messages are sentences a
// user can act on
// ("must be a string", "must be one of: b2b, b2c", "must be a date as YYYY-MM-DD ..."); summary
// errors that only repeat a deeper one ("failed to validate item #3") are left out.
// $ref between embedded files ("common.schema.json#/definitions/amount") is resolved when the
// schema is loaded; a schema that cannot be loaded is an error, never an abort.
// Thread-safety: a loaded SchemaValidator is immutable; Validate() is safe from many threads at
// once. Copies share the compiled schema.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "workflows/status.h"

namespace duly {

class SchemaValidator {
 public:
  // Loads `file_name` ("invoices.schema.json") from duly::schemas::Files().
  // Errors: kNotFound when no such file is embedded; kInternal when it is not valid JSON or not a
  // schema valijson can compile (a bug in schemas/).
  static Result<SchemaValidator> Load(std::string_view file_name);

  // Compiles `schema` itself; $ref to other documents resolve against duly::schemas::Files().
  // Errors: kInvalidArgument when `schema` cannot be compiled (the message says why).
  static Result<SchemaValidator> FromDocument(const nlohmann::json& schema);

  // Ok when `document` satisfies the schema; otherwise kInvalidArgument with message
  // "the body does not match <title>" and one FieldError per failing field.
  Status Validate(const nlohmann::json& document) const;

  struct Compiled;  // the valijson schema and the source documents (schema_validator.cpp)

 private:
  explicit SchemaValidator(std::shared_ptr<const Compiled> compiled);
  std::shared_ptr<const Compiled> compiled_;
};

// "a/b~c" -> "a~1b~0c": one reference token of a JSON pointer (RFC 6901).
std::string EscapePointerToken(std::string_view token);

}  // namespace duly
