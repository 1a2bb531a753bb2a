#include "daemon/api/catalog_json.h"

#include <set>
#include <utility>

#include <spdlog/spdlog.h>

#include "channels/templates/default_templates.h"
#include "workflows/record_json.h"

namespace duly::daemon {
namespace {

nlohmann::json DocumentOf(const std::string& definition) {
  Result<nlohmann::json> document = ParseJson(definition);
  return document ? std::move(*document) : nlohmann::json(definition);
}

}  // namespace

nlohmann::json WorkflowVersionJson(const WorkflowVersion& version) {
  return {{"id", version.id},           {"version", version.version},
          {"segment", version.segment}, {"created_at", FormatInstantUtc(version.created_at)},
          {"actor", version.actor},     {"document", DocumentOf(version.definition)}};
}

nlohmann::json SegmentsVersionJson(const SegmentsVersion& version) {
  return {{"version", version.version},
          {"created_at", version.version == 0 ? "" : FormatInstantUtc(version.created_at)},
          {"actor", version.actor},
          {"document", DocumentOf(version.definition)}};
}

nlohmann::json FieldErrorsJson(const std::vector<FieldError>& fields) {
  nlohmann::json list = nlohmann::json::array();
  for (const FieldError& field : fields) {
    list.push_back({{"field", field.field}, {"message", field.message}});
  }
  return list;
}

Error Unprocessable(Error error) {
  if (error.code == ErrorCode::kInvalidArgument) error.code = ErrorCode::kPolicy;
  return error;
}

const ParseOptions& WorkflowParseOptions() {
  static const ParseOptions kOptions = [] {
    ParseOptions options;
    Result<channels::TemplateSet> templates = channels::LoadDefaultTemplates();
    if (!templates) {
      // A build defect; without the list, templates are simply not checked.
      spdlog::error("the default templates do not load: {}", templates.error().message);
      return options;
    }
    for (const channels::MessageTemplate* message_template : templates->All()) {
      options.known_templates.insert(message_template->id);
    }
    return options;
  }();
  return kOptions;
}

ParseOptions WorkflowParseOptions(TemplateStore* stored) {
  ParseOptions options = WorkflowParseOptions();
  if (stored == nullptr) return options;
  Result<std::vector<StoredTemplate>> templates = stored->ListTemplates();
  if (!templates) {
    spdlog::warn("the stored templates cannot be read: {}", templates.error().message);
    return options;
  }
  for (const StoredTemplate& stored_template : *templates) {
    options.known_templates.insert(stored_template.id);
  }
  return options;
}

Result<std::vector<Workflow>> SavedWorkflows(CatalogStore& catalog) {
  Result<std::vector<WorkflowVersion>> latest = catalog.LatestWorkflows();
  if (!latest) return std::move(latest).error();
  std::vector<Workflow> workflows;
  for (const WorkflowVersion& version : *latest) {
    Result<Workflow> workflow = ParseWorkflowText(version.definition);
    if (!workflow) {
      return InternalError("saved workflow \"" + version.id + "\" version " +
                           std::to_string(version.version) +
                           " no longer parses: " + workflow.error().message);
    }
    workflows.push_back(std::move(*workflow));
  }
  return workflows;
}

std::vector<FieldError> WorkflowCoverageWarnings(const Workflow& draft,
                                                 const SegmentRules& segments,
                                                 const std::vector<Workflow>& saved) {
  std::vector<FieldError> warnings;
  if (segments.Find(draft.segment) == nullptr) {
    warnings.push_back({"/segment", "segment \"" + draft.segment +
                                        "\" is not defined in the saved segments; no invoice "
                                        "will follow this workflow"});
  }
  std::set<std::string, std::less<>> served = {draft.segment};
  for (const Workflow& other : saved) {
    if (other.id == draft.id) continue;
    if (other.segment == draft.segment) {
      warnings.push_back({"/segment", "segment \"" + draft.segment +
                                          "\" is already served by workflow \"" + other.id + "\""});
    }
    served.insert(other.segment);
  }
  for (const SegmentRule& rule : segments.rules()) {
    if (!served.contains(rule.id)) {
      warnings.push_back(
          {"/segment", "segment \"" + rule.id + "\" is served by no workflow; its invoices wait"});
    }
  }
  return warnings;
}

std::vector<FieldError> SegmentCoverageWarnings(const SegmentRules& segments,
                                                const std::vector<Workflow>& saved) {
  std::vector<FieldError> warnings;
  std::set<std::string, std::less<>> served;
  for (const Workflow& workflow : saved) {
    served.insert(workflow.segment);
    if (segments.Find(workflow.segment) == nullptr) {
      warnings.push_back({"/segments", "workflow \"" + workflow.id + "\" serves segment \"" +
                                           workflow.segment + "\", which is not defined here"});
    }
  }
  for (const SegmentRule& rule : segments.rules()) {
    if (!served.contains(rule.id)) {
      warnings.push_back(
          {"/segments/" + std::to_string(rule.file_index),
           "segment \"" + rule.id + "\" is served by no workflow; its invoices wait"});
    }
  }
  return warnings;
}

}  // namespace duly::daemon
