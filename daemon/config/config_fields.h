// Readers for the members of a JSON config object, shared by the config sections.
//
// Promise: every reader leaves `out` untouched when the member is absent and returns
// kInvalidArgument naming the member as a JSON pointer ("/channels/twilio/timeout_ms") with what
// is wrong when it has the wrong type or range. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "workflows/status.h"

namespace duly::daemon {

// The error for `pointer`: "config <pointer>: <message>", with the field.
Error ConfigField(const std::string& pointer, const std::string& message);

// Rejects any member of `object` not in `known`.
Status OnlyKnownFields(const nlohmann::json& object, const std::string& prefix,
                       const std::set<std::string>& known);

// `object` must be a JSON object; the error names `pointer`.
Status RequireObject(const nlohmann::json& object, const std::string& pointer);

Status ReadStringField(const nlohmann::json& object, const std::string& prefix, const char* name,
                       std::string* out);
Status ReadBoolField(const nlohmann::json& object, const std::string& prefix, const char* name,
                     bool* out);
Status ReadIntegerField(const nlohmann::json& object, const std::string& prefix, const char* name,
                        std::int64_t min, std::int64_t max, std::int64_t* out);
Status ReadIntegerField(const nlohmann::json& object, const std::string& prefix, const char* name,
                        std::int64_t min, std::int64_t max, int* out);
// An object whose members are all strings.
Status ReadStringMapField(const nlohmann::json& object, const std::string& prefix, const char* name,
                          std::map<std::string, std::string>* out);
// An object whose members are all numbers in [min, max].
Status ReadNumberMapField(const nlohmann::json& object, const std::string& prefix, const char* name,
                          double min, double max, std::map<std::string, double>* out);

// "HH:MM" (00:00 to 23:59) as minutes after midnight.
Result<int> ParseClockTime(const std::string& text);

}  // namespace duly::daemon
