// JSON views of the engine's catalog for the API: workflow and segments versions, validation
// problems, and the coverage check of a draft against what is saved.
//
// Promise: WorkflowVersionJson/SegmentsVersionJson answer {"id"?, "version", "created_at",
// "actor", "document"} with the stored document parsed back. Unprocessable() turns a parser's
// kInvalidArgument (schema or semantic faults, each by JSON pointer) into kPolicy (422) and
// leaves other errors alone. WorkflowParseOptions() knows the template ids of the default
// templates (channels/templates/defaults). Coverage warnings name the fault by pointer into the
// draft ("/segment", "/segments/2") or by the saved workflow ("workflow \"x\"").
// Pure functions apart from reading the catalog store; thread-safe.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "workflows/engine/catalog.h"
#include "workflows/engine/catalog_store.h"
#include "workflows/status.h"
#include "workflows/template_store.h"
#include "workflows/workflow_parser.h"

namespace duly::daemon {

nlohmann::json WorkflowVersionJson(const WorkflowVersion& version);
nlohmann::json SegmentsVersionJson(const SegmentsVersion& version);
// [{"field": "/steps/1/at", "message": "..."}].
nlohmann::json FieldErrorsJson(const std::vector<FieldError>& fields);

Error Unprocessable(Error error);

// The parse options for workflows saved through the API (known templates). Built once.
const ParseOptions& WorkflowParseOptions();
// The default template ids and every template id managers stored in `stored` (when not null),
// so a workflow may name a template created over /v1/templates. A store that cannot be read
// leaves only the defaults (the save then names the unknown template).
ParseOptions WorkflowParseOptions(TemplateStore* stored);

// The saved workflows, parsed (latest version of each). Errors: as the store; kInternal when a
// stored document no longer parses.
Result<std::vector<Workflow>> SavedWorkflows(CatalogStore& catalog);

// What would not fit if `draft` replaced the saved workflow with its id: its segment is not
// defined, another workflow serves it, or a segment would stay unserved.
std::vector<FieldError> WorkflowCoverageWarnings(const Workflow& draft,
                                                 const SegmentRules& segments,
                                                 const std::vector<Workflow>& saved);

// What would not fit if `segments` replaced the saved ones: a segment no saved workflow serves
// ("/segments/<i>"), a saved workflow whose segment is gone.
std::vector<FieldError> SegmentCoverageWarnings(const SegmentRules& segments,
                                                const std::vector<Workflow>& saved);

}  // namespace duly::daemon
