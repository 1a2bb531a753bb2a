#include "daemon/config/plans_config.h"

#include <nlohmann/json.hpp>

#include "daemon/config/config_fields.h"

namespace duly::daemon {
namespace {

using nlohmann::json;

Status ReadAmount(const json& object, const std::string& prefix, const char* name, Money* out) {
  std::string text;
  if (!object.contains(name)) return Status::Ok();
  if (Status read = ReadStringField(object, prefix, name, &text); !read) return read;
  auto amount = Money::Parse(text);
  if (!amount) {
    return ConfigField(prefix + "/" + name, "\"" + text + "\" is not an amount such as \"100.00\"");
  }
  if (amount->IsNegative()) return ConfigField(prefix + "/" + name, "must not be negative");
  *out = *amount;
  return Status::Ok();
}

Status ReadPolicy(const json& value, const std::string& pointer, PlanPolicy* out) {
  if (Status object = RequireObject(value, pointer); !object) return object;
  if (Status known =
          OnlyKnownFields(value, pointer, {"max_installments", "min_installment", "max_months"});
      !known) {
    return known;
  }
  PlanPolicy policy = *out;
  for (Status status :
       {ReadIntegerField(value, pointer, "max_installments", 1, 120, &policy.max_installments),
        ReadIntegerField(value, pointer, "max_months", 1, 120, &policy.max_months),
        ReadAmount(value, pointer, "min_installment", &policy.min_installment)}) {
    if (!status) return status;
  }
  *out = policy;
  return Status::Ok();
}

}  // namespace

Result<PlanSettings> ReadPlansConfig(const json& section) {
  const std::string prefix = "/plans";
  if (Status object = RequireObject(section, prefix); !object) return std::move(object).error();
  if (Status known = OnlyKnownFields(
          section, prefix,
          {"policy", "segment_policies", "promise_grace_days", "installment_reminder_days",
           "plan_grace_days", "overdue_threshold", "segment_overdue_thresholds"});
      !known) {
    return std::move(known).error();
  }
  PlanSettings settings;
  if (section.contains("policy")) {
    Status policy =
        ReadPolicy(section.at("policy"), prefix + "/policy", &settings.policies.fallback);
    if (!policy) return std::move(policy).error();
  }
  if (section.contains("segment_policies")) {
    const json& policies = section.at("segment_policies");
    const std::string pointer = prefix + "/segment_policies";
    if (Status object = RequireObject(policies, pointer); !object) return std::move(object).error();
    for (const auto& [segment, value] : policies.items()) {
      PlanPolicy policy = settings.policies.fallback;
      Status read = ReadPolicy(value, pointer + "/" + segment, &policy);
      if (!read) return std::move(read).error();
      settings.policies.by_segment[segment] = policy;
    }
  }
  for (Status status :
       {ReadIntegerField(section, prefix, "promise_grace_days", 0, 60,
                         &settings.promise_grace_days),
        ReadIntegerField(section, prefix, "installment_reminder_days", 0, 30,
                         &settings.timing.reminder_days),
        ReadIntegerField(section, prefix, "plan_grace_days", 0, 90, &settings.timing.grace_days),
        ReadAmount(section, prefix, "overdue_threshold", &settings.overdue_threshold)}) {
    if (!status) return std::move(status).error();
  }
  if (section.contains("segment_overdue_thresholds")) {
    const json& thresholds = section.at("segment_overdue_thresholds");
    const std::string pointer = prefix + "/segment_overdue_thresholds";
    if (Status object = RequireObject(thresholds, pointer); !object) {
      return std::move(object).error();
    }
    for (const auto& [segment, value] : thresholds.items()) {
      Money threshold;
      Status read = ReadAmount(thresholds, pointer, segment.c_str(), &threshold);
      if (!read) return std::move(read).error();
      settings.overdue_threshold_by_segment[segment] = threshold;
    }
  }
  return settings;
}

}  // namespace duly::daemon
