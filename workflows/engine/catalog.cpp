#include "workflows/engine/catalog.h"

#include <string>
#include <utility>
#include <variant>

#include <nlohmann/json.hpp>

#include "workflows/engine/collection_facts.h"
#include "workflows/workflow_parser.h"

namespace duly {
namespace {

// Adds the aggregate facts among `names` (those the store computes) to `request`.
void RequestAggregates(const std::vector<std::string>& names, FactRequest& request) {
  for (const std::string& name : names) {
    if (IsAggregateFact(name)) request.names.insert(name);
  }
}

Result<SegmentRules> ParseStoredSegments(const SegmentsVersion& segments) {
  const std::string who = "segments version " + std::to_string(segments.version);
  const nlohmann::json document = nlohmann::json::parse(segments.definition, nullptr, false);
  if (document.is_discarded()) return InternalError(who + ": the stored document is not JSON");
  // The store answers {"segments":[]} when none was ever saved; the schema wants at least one.
  if (document.is_object() && document.contains("segments") && document.at("segments").is_array() &&
      document.at("segments").empty()) {
    return SegmentRules({}, segments.version);
  }
  Result<SegmentRules> rules = ParseSegments(document);
  if (!rules) return InternalError(who + " no longer parses: " + rules.error().message);
  return rules;
}

}  // namespace

const Workflow* Catalog::ForSegment(std::string_view segment) const {
  auto served = workflow_of_segment.find(segment);
  if (served == workflow_of_segment.end()) return nullptr;
  return Find(served->second);
}

const Workflow* Catalog::Find(std::string_view id) const {
  auto found = workflows.find(id);
  return found == workflows.end() ? nullptr : &found->second;
}

Result<std::shared_ptr<const Catalog>> BuildCatalog(std::int64_t revision,
                                                    const SegmentsVersion& segments,
                                                    const std::vector<WorkflowVersion>& latest) {
  auto catalog = std::make_shared<Catalog>();
  catalog->revision = revision;
  Result<SegmentRules> rules = ParseStoredSegments(segments);
  if (!rules) return std::move(rules).error();
  catalog->segments = std::move(*rules);
  for (const SegmentRule& rule : catalog->segments.rules()) {
    RequestAggregates(rule.when.FactNames(), catalog->facts);
  }

  for (const WorkflowVersion& stored : latest) {
    Result<Workflow> workflow = ParseWorkflowText(stored.definition);
    if (!workflow) {
      return InternalError("workflow \"" + stored.id + "\" version " +
                           std::to_string(stored.version) +
                           " no longer parses: " + workflow.error().message);
    }
    workflow->version = stored.version;
    for (const Step& step : workflow->steps) {
      RequestAggregates(step.when.FactNames(), catalog->facts);
      if (std::holds_alternative<NotifyColleagueAction>(step.action)) {
        catalog->needs_colleagues = true;
      }
    }
    // The first workflow naming a segment serves it (CheckCoverage refuses a second at save).
    if (catalog->segments.Find(workflow->segment) != nullptr) {
      catalog->workflow_of_segment.emplace(workflow->segment, workflow->id);
    }
    std::string id = workflow->id;
    catalog->workflows.insert_or_assign(std::move(id), std::move(*workflow));
  }

  for (const SegmentRule& rule : catalog->segments.rules()) {
    if (!catalog->workflow_of_segment.contains(rule.id)) catalog->unserved.push_back(rule.id);
  }
  return std::shared_ptr<const Catalog>(std::move(catalog));
}

}  // namespace duly
