#include "workflows/workflow_parser.h"

#include <algorithm>
#include <map>
#include <utility>

#include <nlohmann/json.hpp>

#include "workflows/customer.h"
#include "workflows/schema_validator.h"

namespace duly {

using nlohmann::json;

namespace {

// The embedded schema `file`, loaded once per process.
Result<const SchemaValidator*> Schema(std::string_view file) {
  static const auto* const validators = [] {
    auto* loaded = new std::map<std::string, Result<SchemaValidator>, std::less<>>();
    for (const char* name : {"workflow.schema.json", "segments.schema.json"}) {
      loaded->emplace(name, SchemaValidator::Load(name));
    }
    return loaded;
  }();
  auto found = validators->find(file);
  if (found == validators->end()) return InternalError("no parser schema " + std::string(file));
  if (!found->second) {
    return InternalError("cannot load " + std::string(file) + ": " + found->second.error().message);
  }
  return &*found->second;
}

std::string Quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::string StringOr(const json& object, const char* key, std::string fallback = "") {
  auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : fallback;
}

Error Problems(const std::string& subject, std::vector<FieldError> fields) {
  std::string message = subject + ": " + fields.front().message;
  if (fields.size() > 1) message += " (and " + std::to_string(fields.size() - 1) + " more)";
  return InvalidArgument(std::move(message), std::move(fields));
}

// Adds the problems of condition `json` at `pointer`, each prefixed with `who`.
void CheckCondition(const json& document, const std::string& pointer, const std::string& who,
                    Condition& out, std::vector<FieldError>& fields) {
  auto condition = Condition::FromJson(document, pointer);
  if (!condition) {
    for (const FieldError& field : condition.error().fields) {
      fields.push_back({field.field, who + ": " + field.message});
    }
    return;
  }
  out = std::move(*condition);
}

void CheckTemplate(const json& action, const std::string& pointer, const std::string& who,
                   const ParseOptions& options, std::vector<FieldError>& fields) {
  const std::string id = StringOr(action, "template");
  if (options.known_templates.empty() || options.known_templates.contains(id)) return;
  fields.push_back({pointer + "/template", who + ": unknown template " + Quoted(id)});
}

Action BuildAction(const json& action, const std::string& pointer, const std::string& who,
                   const ParseOptions& options, std::vector<FieldError>& fields) {
  const std::string type = StringOr(action, "type");
  if (type == "message") {
    MessageAction message;
    const json& channel = action.at("channel");
    if (channel.is_string()) {
      message.channels.push_back(channel.get<std::string>());
    } else {
      for (const json& one : channel) message.channels.push_back(one.get<std::string>());
    }
    for (std::size_t i = 0; i < message.channels.size(); ++i) {
      const std::string& name = message.channels[i];
      if (name == kPreferredChannel || IsCustomerChannel(name)) continue;
      const std::string at =
          pointer + "/channel" + (channel.is_array() ? "/" + std::to_string(i) : "");
      fields.push_back({at, who + ": unknown channel " + Quoted(name) +
                                "; use preferred, email, sms, whatsapp, letter or voice"});
    }
    CheckTemplate(action, pointer, who, options, fields);
    message.template_id = StringOr(action, "template");
    return message;
  }
  if (type == "call_task") return CallTaskAction{StringOr(action, "script")};
  if (type == "notify_colleague") {
    NotifyColleagueAction notify;
    const json& to = action.at("to");
    if (to.is_object()) {
      notify.to.kind = ColleagueTarget::Kind::kSelector;
      notify.to.role = StringOr(to, "role");
      notify.to.department = StringOr(to, "department");
    } else if (to.get<std::string>() == "account_manager") {
      notify.to.kind = ColleagueTarget::Kind::kAccountManager;
    } else {
      notify.to.kind = ColleagueTarget::Kind::kColleague;
      notify.to.colleague_id = to.get<std::string>();
    }
    CheckTemplate(action, pointer, who, options, fields);
    notify.template_id = StringOr(action, "template");
    return notify;
  }
  if (type == "open_case") return OpenCaseAction{StringOr(action, "category")};
  if (type == "fee") {
    return FeeAction{StringOr(action, "kind") == "interest" ? FeeAction::Kind::kInterest
                                                            : FeeAction::Kind::kStatutoryCosts};
  }
  if (type == "credit_hold") return CreditHoldAction{};
  if (type == "handover") return HandoverAction{StringOr(action, "agency")};
  const std::string target = StringOr(action, "for");
  return WaitForAction{target == "plan"   ? WaitForAction::Target::kPlan
                       : target == "case" ? WaitForAction::Target::kCase
                                          : WaitForAction::Target::kPromise};
}

Step BuildStep(const json& step, std::size_t index, const ParseOptions& options,
               std::map<std::string, std::size_t>& seen, std::vector<FieldError>& fields) {
  const std::string pointer = "/steps/" + std::to_string(index);
  Step built;
  built.id = StringOr(step, "id");
  built.description = StringOr(step, "description");
  built.file_index = index;
  const std::string who = "step " + Quoted(built.id);
  if (auto [first, inserted] = seen.emplace(built.id, index); !inserted) {
    fields.push_back({pointer + "/id", who + ": duplicate step id; the first is /steps/" +
                                           std::to_string(first->second)});
  }
  auto offset = StepOffset::Parse(StringOr(step, "at"));
  if (!offset) {
    fields.push_back({pointer + "/at", who + ": " + offset.error().message});
  } else if (offset->TotalHours() < kEarliestStepDays * 24) {
    fields.push_back({pointer + "/at", who + ": " + offset->ToString() +
                                           " is before due-60d, the earliest a step may run"});
  } else {
    built.at = *offset;
  }
  if (step.contains("when"))
    CheckCondition(step.at("when"), pointer + "/when", who, built.when, fields);
  built.action = BuildAction(step.at("action"), pointer + "/action", who, options, fields);
  return built;
}

Result<json> ParseJson(std::string_view text, const char* what) {
  json document = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) {
    return InvalidArgument(std::string(what) + " is not valid JSON",
                           {FieldError{"", "must be a JSON object"}});
  }
  return document;
}

// The model of a schema-valid workflow document, or its semantic problems.
Result<Workflow> BuildWorkflow(const json& document, const ParseOptions& options) {
  Workflow workflow;
  workflow.id = StringOr(document, "id");
  workflow.name = StringOr(document, "name");
  workflow.segment = StringOr(document, "segment");
  workflow.description = StringOr(document, "description");
  if (document.contains("version")) workflow.version = document.at("version").get<std::int64_t>();
  std::vector<FieldError> fields;
  std::map<std::string, std::size_t> seen;
  const json& steps = document.at("steps");
  for (std::size_t i = 0; i < steps.size(); ++i) {
    workflow.steps.push_back(BuildStep(steps[i], i, options, seen, fields));
  }
  if (!fields.empty()) return Problems("workflow " + Quoted(workflow.id), std::move(fields));
  SortByOffset(workflow.steps);
  return workflow;
}

// The model of a schema-valid segments document, or its semantic problems.
Result<SegmentRules> BuildSegments(const json& document) {
  std::vector<SegmentRule> rules;
  std::vector<FieldError> fields;
  std::map<std::string, std::size_t> ids;
  std::map<std::int64_t, std::size_t> priorities;
  const json& segments = document.at("segments");
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const json& segment = segments[i];
    const std::string pointer = "/segments/" + std::to_string(i);
    SegmentRule rule;
    rule.id = StringOr(segment, "id");
    rule.name = StringOr(segment, "name");
    rule.description = StringOr(segment, "description");
    rule.priority = segment.at("priority").get<std::int64_t>();
    rule.file_index = i;
    const std::string who = "segment " + Quoted(rule.id);
    if (auto [first, inserted] = ids.emplace(rule.id, i); !inserted) {
      fields.push_back({pointer + "/id", who + ": duplicate segment id; the first is /segments/" +
                                             std::to_string(first->second)});
    }
    if (auto [first, inserted] = priorities.emplace(rule.priority, i); !inserted) {
      fields.push_back({pointer + "/priority", who + ": priority " + std::to_string(rule.priority) +
                                                   " is already used by /segments/" +
                                                   std::to_string(first->second)});
    }
    CheckCondition(segment.at("when"), pointer + "/when", who, rule.when, fields);
    rules.push_back(std::move(rule));
  }
  if (!fields.empty()) return Problems("segments", std::move(fields));
  const std::int64_t version =
      document.contains("version") ? document.at("version").get<std::int64_t>() : 0;
  return SegmentRules(std::move(rules), version);
}

}  // namespace

Result<Workflow> ParseWorkflow(const json& document, const ParseOptions& options) {
  auto schema = Schema("workflow.schema.json");
  if (!schema) return schema.error();
  if (Status valid = (*schema)->Validate(document); !valid.ok()) return valid.error();
  try {
    return BuildWorkflow(document, options);
  } catch (const json::exception& problem) {  // the schema should make this impossible
    return InternalError(std::string("workflow passed its schema but cannot be read: ") +
                         problem.what());
  }
}

Result<Workflow> ParseWorkflowText(std::string_view text, const ParseOptions& options) {
  auto document = ParseJson(text, "the workflow");
  if (!document) return document.error();
  return ParseWorkflow(*document, options);
}

Result<SegmentRules> ParseSegments(const json& document) {
  auto schema = Schema("segments.schema.json");
  if (!schema) return schema.error();
  if (Status valid = (*schema)->Validate(document); !valid.ok()) return valid.error();
  try {
    return BuildSegments(document);
  } catch (const json::exception& problem) {  // the schema should make this impossible
    return InternalError(std::string("segments passed their schema but cannot be read: ") +
                         problem.what());
  }
}

Result<SegmentRules> ParseSegmentsText(std::string_view text) {
  auto document = ParseJson(text, "the segments document");
  if (!document) return document.error();
  return ParseSegments(*document);
}

Status CheckCoverage(const SegmentRules& segments, const std::vector<Workflow>& workflows) {
  std::vector<FieldError> fields;
  std::map<std::string, std::size_t, std::less<>> served;  // segment id -> first workflow
  for (std::size_t j = 0; j < workflows.size(); ++j) {
    const Workflow& workflow = workflows[j];
    const std::string pointer = "/workflows/" + std::to_string(j) + "/segment";
    const std::string who = "workflow " + Quoted(workflow.id);
    if (segments.Find(workflow.segment) == nullptr) {
      fields.push_back({pointer, who + ": serves segment " + Quoted(workflow.segment) +
                                     ", which no segment rule defines"});
      continue;
    }
    if (auto [first, inserted] = served.emplace(workflow.segment, j); !inserted) {
      fields.push_back({pointer, who + ": segment " + Quoted(workflow.segment) +
                                     " is already served by workflow " +
                                     Quoted(workflows[first->second].id)});
    }
  }
  std::vector<const SegmentRule*> in_file_order;
  for (const SegmentRule& rule : segments.rules()) in_file_order.push_back(&rule);
  std::sort(
      in_file_order.begin(), in_file_order.end(),
      [](const SegmentRule* a, const SegmentRule* b) { return a->file_index < b->file_index; });
  for (const SegmentRule* rule : in_file_order) {
    if (served.contains(rule->id)) continue;
    fields.push_back({"/segments/" + std::to_string(rule->file_index),
                      "segment " + Quoted(rule->id) + ": no workflow serves it"});
  }
  if (fields.empty()) return Status::Ok();
  return Problems("segments and workflows", std::move(fields));
}

}  // namespace duly
