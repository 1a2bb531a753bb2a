#include "daemon/config/channels_config.h"

#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "daemon/config/config_fields.h"

namespace duly::daemon {
namespace {

using nlohmann::json;

Status ReadCompany(const json& object, CompanyConfig* out) {
  const std::string at = "/channels/company";
  if (Status status = RequireObject(object, at); !status) return status;
  Status known =
      OnlyKnownFields(object, at,
                      {"name", "email", "phone", "iban", "street", "postal_code", "city", "country",
                       "logo_path", "collector_name", "collector_email", "collector_phone"});
  if (!known) return known;
  for (Status status : {ReadStringField(object, at, "name", &out->name),
                        ReadStringField(object, at, "email", &out->email),
                        ReadStringField(object, at, "phone", &out->phone),
                        ReadStringField(object, at, "iban", &out->iban),
                        ReadStringField(object, at, "street", &out->street),
                        ReadStringField(object, at, "postal_code", &out->postal_code),
                        ReadStringField(object, at, "city", &out->city),
                        ReadStringField(object, at, "country", &out->country),
                        ReadStringField(object, at, "logo_path", &out->logo_path),
                        ReadStringField(object, at, "collector_name", &out->collector_name),
                        ReadStringField(object, at, "collector_email", &out->collector_email),
                        ReadStringField(object, at, "collector_phone", &out->collector_phone)}) {
    if (!status) return status;
  }
  if (out->name.empty()) return ConfigField(at + "/name", "must not be empty");
  return Status::Ok();
}

Status ReadTwilio(const json& object, TwilioConfig* out) {
  const std::string at = "/channels/twilio";
  if (Status status = RequireObject(object, at); !status) return status;
  Status known =
      OnlyKnownFields(object, at,
                      {"base_url", "account_sid", "auth_token", "sms_from", "messaging_service_sid",
                       "whatsapp_from", "voice_from", "collector_number", "whatsapp_templates",
                       "timeout_ms", "max_connections"});
  if (!known) return known;
  for (Status status :
       {ReadStringField(object, at, "base_url", &out->base_url),
        ReadStringField(object, at, "account_sid", &out->account_sid),
        ReadStringField(object, at, "auth_token", &out->auth_token),
        ReadStringField(object, at, "sms_from", &out->sms_from),
        ReadStringField(object, at, "messaging_service_sid", &out->messaging_service_sid),
        ReadStringField(object, at, "whatsapp_from", &out->whatsapp_from),
        ReadStringField(object, at, "voice_from", &out->voice_from),
        ReadStringField(object, at, "collector_number", &out->collector_number),
        ReadStringMapField(object, at, "whatsapp_templates", &out->whatsapp_templates),
        ReadIntegerField(object, at, "timeout_ms", 100, 600'000, &out->timeout_ms),
        ReadIntegerField(object, at, "max_connections", 1, 1024, &out->max_connections)}) {
    if (!status) return status;
  }
  if (out->base_url.rfind("http://", 0) != 0 && out->base_url.rfind("https://", 0) != 0) {
    return ConfigField(at + "/base_url", "must start with http:// or https://");
  }
  if (!out->account_sid.empty() &&
      (out->account_sid.size() != 34 || out->account_sid.rfind("AC", 0) != 0)) {
    return ConfigField(at + "/account_sid", "must be AC followed by 32 hexadecimal digits");
  }
  return Status::Ok();
}

Status ReadSmtp(const json& object, SmtpConfig* out) {
  const std::string at = "/channels/smtp";
  if (Status status = RequireObject(object, at); !status) return status;
  Status known = OnlyKnownFields(object, at,
                                 {"host", "port", "security", "username", "password",
                                  "from_address", "from_name", "reply_to", "timeout_ms"});
  if (!known) return known;
  for (Status status :
       {ReadStringField(object, at, "host", &out->host),
        ReadIntegerField(object, at, "port", 1, 65'535, &out->port),
        ReadStringField(object, at, "security", &out->security),
        ReadStringField(object, at, "username", &out->username),
        ReadStringField(object, at, "password", &out->password),
        ReadStringField(object, at, "from_address", &out->from_address),
        ReadStringField(object, at, "from_name", &out->from_name),
        ReadStringField(object, at, "reply_to", &out->reply_to),
        ReadIntegerField(object, at, "timeout_ms", 100, 600'000, &out->timeout_ms)}) {
    if (!status) return status;
  }
  if (out->security != "starttls" && out->security != "tls" && out->security != "none") {
    return ConfigField(at + "/security",
                       "must be starttls, tls or none; it is \"" + out->security + "\"");
  }
  return Status::Ok();
}

Status ReadDispatch(const json& object, DispatchConfig* out) {
  const std::string at = "/channels/dispatch";
  if (Status status = RequireObject(object, at); !status) return status;
  Status known = OnlyKnownFields(
      object, at,
      {"enabled", "batch_size", "max_in_flight", "poll_interval_ms", "lease_ms", "retry_base_ms",
       "retry_cap_ms", "max_attempts", "reconcile_delay_ms", "rate_per_second"});
  if (!known) return known;
  for (Status status :
       {ReadBoolField(object, at, "enabled", &out->enabled),
        ReadIntegerField(object, at, "batch_size", 1, 10'000, &out->batch_size),
        ReadIntegerField(object, at, "max_in_flight", 1, 10'000, &out->max_in_flight),
        ReadIntegerField(object, at, "poll_interval_ms", 100, 600'000, &out->poll_interval_ms),
        ReadIntegerField(object, at, "lease_ms", 1'000, 3'600'000, &out->lease_ms),
        ReadIntegerField(object, at, "retry_base_ms", 100, 86'400'000, &out->retry_base_ms),
        ReadIntegerField(object, at, "retry_cap_ms", 100, 604'800'000, &out->retry_cap_ms),
        ReadIntegerField(object, at, "max_attempts", 1, 100, &out->max_attempts),
        ReadIntegerField(object, at, "reconcile_delay_ms", 0, 86'400'000, &out->reconcile_delay_ms),
        ReadNumberMapField(object, at, "rate_per_second", 0.001, 100'000, &out->rate_per_second)}) {
    if (!status) return status;
  }
  for (const auto& [channel, rate] : out->rate_per_second) {
    if (channel != "email" && channel != "sms" && channel != "whatsapp" && channel != "voice" &&
        channel != "letter" && channel != "chat") {
      return ConfigField(at + "/rate_per_second/" + channel,
                         "unknown channel (email, sms, whatsapp, voice, letter, chat)");
    }
  }
  if (out->retry_cap_ms < out->retry_base_ms) {
    return ConfigField(at + "/retry_cap_ms", "must not be below retry_base_ms");
  }
  return Status::Ok();
}

Status ReadLetters(const json& object, LettersConfig* out) {
  const std::string at = "/channels/letters";
  if (Status status = RequireObject(object, at); !status) return status;
  Status known = OnlyKnownFields(object, at, {"spool_dir", "print_time"});
  if (!known) return known;
  for (Status status : {ReadStringField(object, at, "spool_dir", &out->spool_dir),
                        ReadStringField(object, at, "print_time", &out->print_time)}) {
    if (!status) return status;
  }
  Result<int> minutes = ParseClockTime(out->print_time);
  if (!minutes) return ConfigField(at + "/print_time", minutes.error().message);
  out->print_minutes = *minutes;
  return Status::Ok();
}

Status ReadWorkList(const json& object, WorkListConfig* out) {
  const std::string at = "/channels/work_list";
  if (Status status = RequireObject(object, at); !status) return status;
  Status known = OnlyKnownFields(object, at, {"segment_weights", "retry_in_working_hours"});
  if (!known) return known;
  for (Status status :
       {ReadNumberMapField(object, at, "segment_weights", 0, 1'000'000, &out->segment_weights),
        ReadIntegerField(object, at, "retry_in_working_hours", 1, 80,
                         &out->retry_in_working_hours)}) {
    if (!status) return status;
  }
  return Status::Ok();
}

}  // namespace

Result<ChannelsConfig> ReadChannelsConfig(const json& channels) {
  const std::string at = "/channels";
  if (Status status = RequireObject(channels, at); !status) return std::move(status).error();
  Status known = OnlyKnownFields(
      channels, at,
      {"public_url", "company", "twilio", "smtp", "dispatch", "letters", "work_list"});
  if (!known) return std::move(known).error();
  ChannelsConfig config;
  if (Status status = ReadStringField(channels, at, "public_url", &config.public_url); !status) {
    return std::move(status).error();
  }
  if (!config.public_url.empty() && config.public_url.rfind("http://", 0) != 0 &&
      config.public_url.rfind("https://", 0) != 0) {
    return ConfigField(at + "/public_url", "must start with http:// or https://");
  }
  while (!config.public_url.empty() && config.public_url.back() == '/') {
    config.public_url.pop_back();
  }
  const auto section = [&](const char* name, auto read, auto* out) -> Status {
    if (!channels.contains(name)) return Status::Ok();
    return read(channels.at(name), out);
  };
  for (Status status :
       {section("company", ReadCompany, &config.company),
        section("twilio", ReadTwilio, &config.twilio), section("smtp", ReadSmtp, &config.smtp),
        section("dispatch", ReadDispatch, &config.dispatch),
        section("letters", ReadLetters, &config.letters),
        section("work_list", ReadWorkList, &config.work_list)}) {
    if (!status) return std::move(status).error();
  }
  return config;
}

void ApplyChannelSecrets(ChannelsConfig& config) {
  if (const char* token = std::getenv("DULY_TWILIO_AUTH_TOKEN"); token != nullptr && *token) {
    config.twilio.auth_token = token;
  }
  if (const char* password = std::getenv("DULY_SMTP_PASSWORD"); password != nullptr && *password) {
    config.smtp.password = password;
  }
}

}  // namespace duly::daemon
