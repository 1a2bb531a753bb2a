#include "daemon/config/config.h"

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "daemon/config/config_fields.h"
#include "daemon/store/database_url.h"
#include "workflows/calendar_date.h"

namespace duly::daemon {
namespace {

using nlohmann::json;

const std::set<std::string>& LogLevels() {
  static const std::set<std::string> kLevels = {"trace", "debug",    "info", "warn",
                                                "error", "critical", "off"};
  return kLevels;
}

Error Field(const std::string& pointer, const std::string& message) {
  return ConfigField(pointer, message);
}

Status OnlyKnown(const json& object, const std::string& prefix,
                 const std::set<std::string>& known) {
  return OnlyKnownFields(object, prefix, known);
}

Status ReadString(const json& object, const std::string& prefix, const char* name,
                  std::string* out) {
  return ReadStringField(object, prefix, name, out);
}

template <typename Int>
Status ReadInteger(const json& object, const std::string& prefix, const char* name,
                   std::int64_t min, std::int64_t max, Int* out) {
  std::int64_t wide = static_cast<std::int64_t>(*out);
  Status status = ReadIntegerField(object, prefix, name, min, max, &wide);
  if (status) *out = static_cast<Int>(wide);
  return status;
}

// Checks the fields whose values can also come from flags.
Status ValidateOverridable(Config& config) {
  Result<ListenAddress> listen = ParseListenAddress(config.listen);
  if (!listen) return Field("/listen", listen.error().message);
  config.listen_address = *listen;
  if (LogLevels().count(config.log_level) == 0) {
    return Field("/log_level",
                 "must be one of trace, debug, info, warn, error, critical, off; it is \"" +
                     config.log_level + "\"");
  }
  return Status::Ok();
}

Status ReadEngine(const json& engine, EngineConfig* out) {
  if (!engine.is_object()) return Field("/engine", "must be an object");
  Status known =
      OnlyKnown(engine, "/engine", {"country", "send_time", "batch_size", "poll_interval_ms"});
  if (!known) return known;
  for (Status status :
       {ReadString(engine, "/engine", "country", &out->country),
        ReadString(engine, "/engine", "send_time", &out->send_time),
        ReadInteger(engine, "/engine", "batch_size", 1, 10'000, &out->batch_size),
        ReadInteger(engine, "/engine", "poll_interval_ms", 100, 600'000, &out->poll_interval_ms)}) {
    if (!status) return status;
  }
  if (out->country != "NL" && out->country != "BE") {
    return Field("/engine/country",
                 "must be NL or BE (the calendars duly knows); it is \"" + out->country + "\"");
  }
  Result<int> send = ParseClockTime(out->send_time);
  if (!send) return Field("/engine/send_time", send.error().message);
  out->send_minutes = *send;
  return Status::Ok();
}

}  // namespace

Result<ListenAddress> ParseListenAddress(std::string_view text) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) {
    return InvalidArgument("must be host:port (\"127.0.0.1:8080\"); it is \"" + std::string(text) +
                           "\"");
  }
  std::string host(text.substr(0, colon));
  const std::string_view port_text = text.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (host.empty()) host = "0.0.0.0";
  if (port_text.empty() || port_text.size() > 5) {
    return InvalidArgument("the port must be a number from 0 to 65535");
  }
  unsigned port = 0;
  for (const char c : port_text) {
    if (c < '0' || c > '9') return InvalidArgument("the port must be a number from 0 to 65535");
    port = port * 10 + static_cast<unsigned>(c - '0');
  }
  if (port > 65535) return InvalidArgument("the port must be a number from 0 to 65535");
  return ListenAddress{std::move(host), static_cast<std::uint16_t>(port)};
}

Result<Config> ParseConfig(std::string_view json_text) {
  json document;
  try {
    document = json::parse(json_text);
  } catch (const json::parse_error& e) {
    return InvalidArgument(std::string("config is not valid JSON: ") + e.what(),
                           {{"", "not valid JSON"}});
  }
  if (!document.is_object()) return Field("", "must be a JSON object");
  Status known =
      OnlyKnown(document, "",
                {"database_url", "listen", "time_zone", "io_threads", "blocking_threads", "http",
                 "log_level", "engine", "channels", "mollie", "web", "plans", "cases"});
  if (!known) return std::move(known).error();

  Config config;
  for (Status status :
       {ReadString(document, "", "database_url", &config.database_url),
        ReadString(document, "", "listen", &config.listen),
        ReadString(document, "", "time_zone", &config.time_zone),
        ReadString(document, "", "log_level", &config.log_level),
        ReadInteger(document, "", "io_threads", 1, 64, &config.io_threads),
        ReadInteger(document, "", "blocking_threads", 1, 256, &config.blocking_threads)}) {
    if (!status) return std::move(status).error();
  }
  if (document.contains("http")) {
    const json& http = document.at("http");
    if (!http.is_object()) return Field("/http", "must be an object");
    Status http_known = OnlyKnown(http, "/http", {"body_limit_bytes", "read_timeout_ms"});
    if (!http_known) return std::move(http_known).error();
    for (Status status : {ReadInteger(http, "/http", "body_limit_bytes", 1024,
                                      std::int64_t{1} << 32, &config.http.body_limit_bytes),
                          ReadInteger(http, "/http", "read_timeout_ms", 100, 3'600'000,
                                      &config.http.read_timeout_ms)}) {
      if (!status) return std::move(status).error();
    }
  }
  if (document.contains("web")) {
    const json& web = document.at("web");
    if (!web.is_object()) return Field("/web", "must be an object");
    Status web_known = OnlyKnown(web, "/web", {"dir"});
    if (!web_known) return std::move(web_known).error();
    Status dir = ReadString(web, "/web", "dir", &config.web_dir);
    if (!dir) return std::move(dir).error();
    if (config.web_dir.empty()) return Field("/web/dir", "must not be empty");
  }
  if (document.contains("engine")) {
    Status engine = ReadEngine(document.at("engine"), &config.engine);
    if (!engine) return std::move(engine).error();
  }
  if (document.contains("channels")) {
    Result<ChannelsConfig> channels = ReadChannelsConfig(document.at("channels"));
    if (!channels) return std::move(channels).error();
    config.channels = std::move(*channels);
  }
  if (document.contains("plans")) {
    Result<PlanSettings> plans = ReadPlansConfig(document.at("plans"));
    if (!plans) return std::move(plans).error();
    config.plans = std::move(*plans);
  }
  config.plans.time_zone = config.time_zone;
  if (document.contains("cases")) {
    Result<CasePolicy> cases = ReadCasesConfig(document.at("cases"));
    if (!cases) return std::move(cases).error();
    config.cases = std::move(*cases);
  }
  if (document.contains("mollie")) {
    Result<MollieConfig> mollie = ReadMollieConfig(document.at("mollie"));
    if (!mollie) return std::move(mollie).error();
    config.mollie = std::move(*mollie);
  }
  if (!IsKnownTimeZone(config.time_zone)) {
    return Field("/time_zone", "unknown time zone \"" + config.time_zone +
                                   "\" (use an IANA name such as Europe/Amsterdam)");
  }
  config.cases.time_zone = config.time_zone;
  config.cases.country = config.engine.country;
  if (!config.database_url.empty()) {
    Result<DatabaseUrl> url = DatabaseUrl::Parse(config.database_url);
    if (!url) return Field("/database_url", url.error().message);
  }
  Status overridable = ValidateOverridable(config);
  if (!overridable) return std::move(overridable).error();
  return config;
}

Result<Config> LoadConfigFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return NotFound("cannot read config file " + path);
  std::ostringstream text;
  text << file.rdbuf();
  Result<Config> config = ParseConfig(text.str());
  if (!config) return config.error().WithContext(path);
  return config;
}

Result<Config> ApplyOverrides(Config config, const ConfigOverrides& overrides) {
  if (!overrides.listen.empty()) config.listen = overrides.listen;
  if (!overrides.log_level.empty()) config.log_level = overrides.log_level;
  if (overrides.test_clock) config.test_clock = true;
  if (!overrides.test_clock_start.empty()) {
    if (!config.test_clock) {
      return Field("--test-clock-start", "needs --test-clock (the system clock cannot be set)");
    }
    config.test_clock_start = overrides.test_clock_start;
  }
  if (const char* web_dir = std::getenv("DULY_WEB_DIR"); web_dir != nullptr && *web_dir != '\0') {
    config.web_dir = web_dir;
  }
  const char* from_environment = std::getenv("DULY_DATABASE_URL");
  const bool environment_set = from_environment != nullptr && *from_environment != '\0';
  if (!overrides.database.empty() || environment_set || config.database_url.empty()) {
    config.database_url = ResolveDatabaseUrl(overrides.database);
  }
  Result<DatabaseUrl> url = DatabaseUrl::Parse(config.database_url);
  if (!url) return Field("/database_url", url.error().message);
  Status overridable = ValidateOverridable(config);
  if (!overridable) return std::move(overridable).error();
  ApplyChannelSecrets(config.channels);
  ApplyMollieSecret(config.mollie);
  if (Status mollie = CheckMollieConfig(config.mollie, config.channels.public_url); !mollie) {
    return std::move(mollie).error();
  }
  return config;
}

Status CheckConfigFile(const std::string& path) {
  Result<Config> config = LoadConfigFile(path);
  if (!config) return config.error();
  return Status::Ok();
}

}  // namespace duly::daemon
