#include "daemon/simulate/scenario.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "daemon/simulate/scenario_references.h"
#include "workflows/engine/local_moment.h"
#include "workflows/record_json.h"
#include "workflows/schema_validator.h"
#include "workflows/workflow_parser.h"

namespace duly::daemon {

using nlohmann::json;

namespace {

constexpr std::chrono::minutes kEventTimeOfDay{9 * 60};  // an "on" that is a date: 09:00 local

// The scenario schema, loaded once per process.
Result<const SchemaValidator*> ScenarioSchema() {
  static const auto* const loaded =
      new Result<SchemaValidator>(SchemaValidator::Load("scenario.schema.json"));
  if (!*loaded) {
    return InternalError("cannot load scenario.schema.json: " + loaded->error().message);
  }
  return &**loaded;
}

// Validates against the schema; the message says "scenario: N problems, the first at ...".
Status CheckSchema(const SchemaValidator& schema, const json& document) {
  Status status = schema.Validate(document);
  if (status.ok()) return status;
  Error error = std::move(status).error();
  if (error.fields.empty()) return error.WithContext("scenario");
  const FieldError& first = error.fields.front();
  error.message = "scenario: " + std::to_string(error.fields.size()) +
                  (error.fields.size() == 1 ? " problem" : " problems") + ", the first at " +
                  (first.field.empty() ? "the top" : first.field) + ": " + first.message;
  return error;
}

std::string At(std::string_view array, std::size_t index) {
  return "/" + std::string(array) + "/" + std::to_string(index);
}

// "HH:MM" (schema-checked) -> minutes after midnight.
std::chrono::minutes TimeOfDay(std::string_view text) {
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  return std::chrono::minutes(hours * 60 + minutes);
}

// "YYYY-MM-DD" (09:00 local) or "YYYY-MM-DDTHH:MM" (schema-checked shape) in `zone`.
Result<Instant> EventMoment(const std::string& text, std::string_view zone) {
  auto day = ParseCalendarDate(std::string_view(text).substr(0, 10));
  if (!day) return day.error();
  const auto time =
      text.size() > 10 ? TimeOfDay(std::string_view(text).substr(11)) : kEventTimeOfDay;
  return LocalMoment(*day, time, zone);
}

// Decodes the records of one array with `decode` (a *FromJson codec) and the record's Validate,
// refusing duplicate ids.
template <typename Record, typename Decode>
std::vector<Record> DecodeRecords(const json& document, std::string_view array, Decode decode,
                                  std::vector<FieldError>& problems) {
  std::vector<Record> records;
  auto found = document.find(array);
  if (found == document.end()) return records;
  std::set<std::string, std::less<>> ids;
  for (std::size_t i = 0; i < found->size(); ++i) {
    const std::string at = At(array, i);
    Result<Record> record = decode((*found)[i], at);
    if (!record) {
      for (const FieldError& field : record.error().fields) problems.push_back(field);
      if (record.error().fields.empty()) problems.push_back({at, record.error().message});
      continue;
    }
    for (const FieldError& field : Validate(*record)) {
      problems.push_back({at + field.field, field.message});
    }
    if (!ids.insert(record->id).second) {
      problems.push_back({at + "/id", "duplicate id \"" + record->id + "\""});
    }
    records.push_back(std::move(*record));
  }
  return records;
}

// Parses the segments and workflows, re-rooting their errors under the scenario's pointers, and
// checks that every segment is served.
void ParseCatalog(const json& document, Scenario& scenario, std::vector<FieldError>& problems) {
  const json segments_document = json{{"segments", document.at("segments")}};
  // Pointers of ParseSegments are "/segments/<i>/...": the same place in the scenario.
  Result<SegmentRules> segments = ParseSegments(segments_document);
  if (!segments) {
    for (const FieldError& field : segments.error().fields) problems.push_back(field);
  } else {
    scenario.segments = segments_document.dump();
  }
  std::vector<Workflow> workflows;
  const json& documents = document.at("workflows");
  for (std::size_t i = 0; i < documents.size(); ++i) {
    Result<Workflow> workflow = ParseWorkflow(documents[i]);
    if (!workflow) {
      const std::string at = At("workflows", i);
      for (const FieldError& field : workflow.error().fields) {
        problems.push_back({at + field.field, field.message});
      }
      if (workflow.error().fields.empty()) problems.push_back({at, workflow.error().message});
      continue;
    }
    workflows.push_back(std::move(*workflow));
    scenario.workflows.push_back(documents[i].dump());
  }
  if (!segments || workflows.size() != documents.size()) return;
  if (Status coverage = CheckCoverage(*segments, workflows); !coverage) {
    for (const FieldError& field : coverage.error().fields) problems.push_back(field);
  }
}

void ParseEvents(const json& document, Scenario& scenario, std::vector<FieldError>& problems) {
  auto found = document.find("events");
  if (found == document.end()) return;
  const Instant begin = LocalMoment(scenario.start, std::chrono::minutes(0), scenario.time_zone);
  const Instant end = LocalMoment(scenario.start + date::days(scenario.days),
                                  std::chrono::minutes(0), scenario.time_zone);
  for (std::size_t i = 0; i < found->size(); ++i) {
    const json& body = (*found)[i];
    const std::string at = At("events", i);
    ScenarioEvent event;
    event.type = body.at("type").get<std::string>();
    event.body = body;
    event.index = i;
    if (std::string why = UnsimulatedEventReason(event.type); !why.empty()) {
      problems.push_back({at + "/type", why});
      continue;
    }
    Result<Instant> moment = EventMoment(body.at("on").get<std::string>(), scenario.time_zone);
    if (!moment) {
      problems.push_back({at + "/on", moment.error().message});
      continue;
    }
    if (*moment < begin || *moment >= end) {
      problems.push_back({at + "/on", "is outside the simulated period (" +
                                          FormatCalendarDate(scenario.start) + " for " +
                                          std::to_string(scenario.days) + " days)"});
      continue;
    }
    event.at = *moment;
    scenario.events.push_back(std::move(event));
  }
  std::stable_sort(scenario.events.begin(), scenario.events.end(),
                   [](const ScenarioEvent& a, const ScenarioEvent& b) { return a.at < b.at; });
}

}  // namespace

Result<Scenario> ParseScenario(const json& document) {
  auto schema = ScenarioSchema();
  if (!schema) return schema.error();
  if (Status valid = CheckSchema(**schema, document); !valid) {
    return std::move(valid).error();
  }
  Scenario scenario;
  std::vector<FieldError> problems;
  if (auto start = ParseCalendarDate(document.at("start").get<std::string>())) {
    scenario.start = *start;
  } else {
    problems.push_back({"/start", start.error().message});
  }
  scenario.days = document.at("days").get<int>();
  if (auto zone = document.find("timezone"); zone != document.end()) {
    scenario.time_zone = zone->get<std::string>();
    if (!IsKnownTimeZone(scenario.time_zone)) {
      problems.push_back({"/timezone", "must be an IANA time zone (\"Europe/Amsterdam\"), not \"" +
                                           scenario.time_zone + "\""});
    }
  }
  if (auto options = document.find("options"); options != document.end()) {
    if (auto send_time = options->find("send_time"); send_time != options->end()) {
      scenario.send_time = TimeOfDay(send_time->get<std::string>());
    }
    if (auto grace = options->find("promise_grace_days"); grace != options->end()) {
      scenario.promise_grace_days = grace->get<int>();
    }
  }
  scenario.colleagues =
      DecodeRecords<Colleague>(document, "colleagues", ColleagueFromJson, problems);
  scenario.customers = DecodeRecords<Customer>(document, "customers", CustomerFromJson, problems);
  scenario.invoices = DecodeRecords<Invoice>(document, "invoices", InvoiceFromJson, problems);
  ParseCatalog(document, scenario, problems);
  if (problems.empty()) ParseEvents(document, scenario, problems);
  if (problems.empty()) CheckReferences(scenario, problems);
  if (!problems.empty()) {
    const FieldError first = problems.front();
    return InvalidArgument(
        "scenario: " + (first.field.empty() ? "" : first.field + ": ") + first.message,
        std::move(problems));
  }
  return scenario;
}

Result<Scenario> ParseScenarioText(std::string_view text) {
  Result<json> document = ParseJson(text);
  if (!document) return std::move(document).error().WithContext("scenario");
  return ParseScenario(*document);
}

}  // namespace duly::daemon
