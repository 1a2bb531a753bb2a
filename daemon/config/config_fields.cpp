#include "daemon/config/config_fields.h"

#include <string>

namespace duly::daemon {

using nlohmann::json;

Error ConfigField(const std::string& pointer, const std::string& message) {
  return InvalidArgument("config " + pointer + ": " + message, {{pointer, message}});
}

Status OnlyKnownFields(const json& object, const std::string& prefix,
                       const std::set<std::string>& known) {
  for (const auto& [name, value] : object.items()) {
    if (known.count(name) == 0) return ConfigField(prefix + "/" + name, "unknown field");
  }
  return Status::Ok();
}

Status RequireObject(const json& object, const std::string& pointer) {
  if (!object.is_object()) return ConfigField(pointer, "must be an object");
  return Status::Ok();
}

Status ReadStringField(const json& object, const std::string& prefix, const char* name,
                       std::string* out) {
  if (!object.contains(name)) return Status::Ok();
  const json& value = object.at(name);
  if (!value.is_string()) return ConfigField(prefix + "/" + name, "must be a string");
  *out = value.get<std::string>();
  return Status::Ok();
}

Status ReadBoolField(const json& object, const std::string& prefix, const char* name, bool* out) {
  if (!object.contains(name)) return Status::Ok();
  const json& value = object.at(name);
  if (!value.is_boolean()) return ConfigField(prefix + "/" + name, "must be true or false");
  *out = value.get<bool>();
  return Status::Ok();
}

Status ReadIntegerField(const json& object, const std::string& prefix, const char* name,
                        std::int64_t min, std::int64_t max, std::int64_t* out) {
  if (!object.contains(name)) return Status::Ok();
  const json& value = object.at(name);
  if (!value.is_number_integer()) return ConfigField(prefix + "/" + name, "must be an integer");
  const auto number = value.get<std::int64_t>();
  if (number < min || number > max) {
    return ConfigField(prefix + "/" + name, "must be between " + std::to_string(min) + " and " +
                                                std::to_string(max) + "; it is " +
                                                std::to_string(number));
  }
  *out = number;
  return Status::Ok();
}

Status ReadIntegerField(const json& object, const std::string& prefix, const char* name,
                        std::int64_t min, std::int64_t max, int* out) {
  std::int64_t wide = *out;
  Status status = ReadIntegerField(object, prefix, name, min, max, &wide);
  if (status) *out = static_cast<int>(wide);
  return status;
}

Status ReadStringMapField(const json& object, const std::string& prefix, const char* name,
                          std::map<std::string, std::string>* out) {
  if (!object.contains(name)) return Status::Ok();
  const json& value = object.at(name);
  const std::string pointer = prefix + "/" + name;
  if (!value.is_object()) return ConfigField(pointer, "must be an object of strings");
  std::map<std::string, std::string> read;
  for (const auto& [key, member] : value.items()) {
    if (!member.is_string()) return ConfigField(pointer + "/" + key, "must be a string");
    read[key] = member.get<std::string>();
  }
  *out = std::move(read);
  return Status::Ok();
}

Status ReadNumberMapField(const json& object, const std::string& prefix, const char* name,
                          double min, double max, std::map<std::string, double>* out) {
  if (!object.contains(name)) return Status::Ok();
  const json& value = object.at(name);
  const std::string pointer = prefix + "/" + name;
  if (!value.is_object()) return ConfigField(pointer, "must be an object of numbers");
  std::map<std::string, double> read;
  for (const auto& [key, member] : value.items()) {
    if (!member.is_number()) return ConfigField(pointer + "/" + key, "must be a number");
    const double number = member.get<double>();
    if (number < min || number > max) {
      return ConfigField(pointer + "/" + key,
                         "must be between " + std::to_string(min) + " and " + std::to_string(max));
    }
    read[key] = number;
  }
  *out = std::move(read);
  return Status::Ok();
}

Result<int> ParseClockTime(const std::string& text) {
  const auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
  if (text.size() != 5 || text[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4)) {
    return InvalidArgument("must be HH:MM (\"09:00\"); it is \"" + text + "\"");
  }
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (hours > 23 || minutes > 59) {
    return InvalidArgument("must be a time of day from 00:00 to 23:59; it is \"" + text + "\"");
  }
  return hours * 60 + minutes;
}

}  // namespace duly::daemon
