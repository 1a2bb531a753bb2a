// The OpenAPI document GET /v1/openapi.json serves: schemas/openapi.json with every JSON Schema
// it references bundled in, so clients need no other file.
//
// Promise: each referenced "x.schema.json" becomes components/schemas/x and each definition
// "common.schema.json#/definitions/amount" becomes components/schemas/common.amount; every $ref is
// rewritten to point inside the document, and draft-07 keywords OpenAPI 3.0 does not know
// ($schema, definitions) are left out. Errors: kInternal when an embedded file is missing or is not
// JSON (a build defect). Pure function over the embedded files; thread-safe.
#pragma once

#include <string>

#include "workflows/status.h"

namespace duly::daemon {

Result<std::string> BundledOpenApiDocument();

}  // namespace duly::daemon
