// Parsing of workflows (schemas/workflow.schema.json) and segment rules
// (schemas/segments.schema.json) into the model, with the semantic checks a schema cannot make.
//
// Promise: a document is first checked against its schema; if it fails, the error lists every
// schema problem by JSON pointer and nothing else is checked. Then the semantic checks run and
// every problem is reported at once, each as a FieldError whose pointer names the field
// ("/steps/2/action/template") and whose message names the step or segment
// ("step \"reminder-2\": unknown template \"reminder-secnd\""). All errors are kInvalidArgument;
// the Error's message is "workflow \"<id>\": <first problem>" (or "segments: ...").
// Semantic checks for a workflow: unique step ids; no step before due-60d; templates known (when
// ParseOptions::known_templates is not empty); known channels; conditions over known facts with
// values of the fact's type. For segments: unique ids, unique priorities, valid conditions.
// No I/O; every function is safe to call from many threads at once.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "workflows/segment.h"
#include "workflows/status.h"
#include "workflows/workflow.h"

namespace duly {

struct ParseOptions {
  // Template ids that exist. When empty, templates are not checked.
  std::set<std::string, std::less<>> known_templates;
};

// Parses a workflow document. Errors as described above; kInternal when the embedded schema
// cannot be loaded (a bug).
Result<Workflow> ParseWorkflow(const nlohmann::json& document, const ParseOptions& options = {});
// Same, from JSON text. Errors: also kInvalidArgument (field "") when `text` is not JSON.
Result<Workflow> ParseWorkflowText(std::string_view text, const ParseOptions& options = {});

// Parses a segments document ({ "segments": [...] }).
Result<SegmentRules> ParseSegments(const nlohmann::json& document);
Result<SegmentRules> ParseSegmentsText(std::string_view text);

// Checks that segments and workflows fit together: every segment is served by exactly one
// workflow and every workflow serves a defined segment. Errors (kInvalidArgument, one FieldError
// each): "/segments/<i>" for a segment no workflow serves; "/workflows/<j>/segment" for a workflow
// whose segment is not defined or is already served by an earlier workflow (j is the index in
// `workflows`, as in a scenario document).
Status CheckCoverage(const SegmentRules& segments, const std::vector<Workflow>& workflows);

}  // namespace duly
