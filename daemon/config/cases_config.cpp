#include "daemon/config/cases_config.h"

#include <nlohmann/json.hpp>

#include "daemon/config/config_fields.h"

namespace duly::daemon {

using nlohmann::json;

Result<CasePolicy> ReadCasesConfig(const json& section) {
  const std::string at = "/cases";
  if (Status status = RequireObject(section, at); !status) return std::move(status).error();
  Status known =
      OnlyKnownFields(section, at,
                      {"routing", "deadline_days", "working_days", "reminder_working_days",
                       "escalation_repeat_days", "colleague_language"});
  if (!known) return std::move(known).error();
  CasePolicy policy = DefaultCasePolicy();
  std::map<std::string, std::string> routing;
  for (Status status :
       {ReadStringMapField(section, at, "routing", &routing),
        ReadBoolField(section, at, "working_days", &policy.working_days),
        ReadIntegerField(section, at, "reminder_working_days", 0, 30,
                         &policy.reminder_working_days),
        ReadIntegerField(section, at, "escalation_repeat_days", 0, 90,
                         &policy.escalation_repeat_days),
        ReadStringField(section, at, "colleague_language", &policy.colleague_language)}) {
    if (!status) return std::move(status).error();
  }
  for (const auto& [category, department] : routing) {
    if (!IsCaseCategory(category)) {
      return ConfigField(at + "/routing/" + category, "unknown category \"" + category + "\"");
    }
    policy.routing[category] = department;
  }
  if (section.contains("deadline_days")) {
    const json& days = section.at("deadline_days");
    if (Status status = RequireObject(days, at + "/deadline_days"); !status) {
      return std::move(status).error();
    }
    for (const auto& [name, value] : days.items()) {
      const std::string field = at + "/deadline_days/" + name;
      if (name != "default" && !IsCaseCategory(name)) {
        return ConfigField(field, "unknown category \"" + name + "\" (or \"default\")");
      }
      if (!value.is_number_integer() || value.get<std::int64_t>() < 1 ||
          value.get<std::int64_t>() > 90) {
        return ConfigField(field, "must be a whole number of days from 1 to 90");
      }
      const int number = value.get<int>();
      if (name == "default") {
        policy.default_deadline_days = number;
      } else {
        policy.deadline_days[name] = number;
      }
    }
  }
  for (const FieldError& error : Validate(policy)) {
    if (error.field == "/country" || error.field == "/time_zone") continue;
    return ConfigField(at + error.field, error.message);
  }
  return policy;
}

}  // namespace duly::daemon
