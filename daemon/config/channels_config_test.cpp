// The "channels" config section: defaults, every field read, errors naming the field, secrets from
// the environment, and the schema listing exactly what the loader accepts.
#include "daemon/config/channels_config.h"

#include <cstdlib>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "daemon/config/config.h"
#include "schemas/files.h"

namespace duly::daemon {
namespace {

using nlohmann::json;

std::string FirstField(const Error& error) {
  return error.fields.empty() ? "<none>" : error.fields.front().field;
}

TEST(ChannelsConfigTest, EmptySectionGivesDefaultsWithTwilioAndSmtpOff) {
  Result<ChannelsConfig> config = ReadChannelsConfig(json::object());
  ASSERT_TRUE(config.has_value()) << config.error().message;
  EXPECT_FALSE(config->twilio.enabled());
  EXPECT_FALSE(config->smtp.enabled());
  EXPECT_EQ(config->twilio.base_url, "https://api.twilio.com");
  EXPECT_TRUE(config->dispatch.enabled);
  EXPECT_EQ(config->dispatch.max_attempts, 8);
  EXPECT_EQ(config->letters.print_minutes, 16 * 60);
  EXPECT_EQ(config->work_list.retry_in_working_hours, 4);
}

TEST(ChannelsConfigTest, ReadsEverySection) {
  Result<ChannelsConfig> config = ReadChannelsConfig(json::parse(R"({
    "public_url": "https://duly.example.com/",
    "company": {"name": "Brasserie Ëlise", "iban": "BE68539007547034", "country": "BE"},
    "twilio": {"base_url": "http://127.0.0.1:4010", "account_sid": "AC0123456789abcdef0123456789abcdef",
               "auth_token": "secret", "sms_from": "+3197010000000",
               "whatsapp_templates": {"reminder-friendly.nl": "HX0123456789abcdef0123456789abcdef"}},
    "smtp": {"host": "127.0.0.1", "port": 8025, "security": "none", "from_address": "a@b.example"},
    "dispatch": {"batch_size": 100, "rate_per_second": {"sms": 2.5}, "retry_base_ms": 1000},
    "letters": {"spool_dir": "/var/spool/duly", "print_time": "15:30"},
    "work_list": {"segment_weights": {"key-accounts": 3}, "retry_in_working_hours": 2}
  })"));
  ASSERT_TRUE(config.has_value()) << config.error().message;
  EXPECT_EQ(config->public_url, "https://duly.example.com");
  EXPECT_EQ(config->company.name, "Brasserie Ëlise");
  EXPECT_TRUE(config->twilio.enabled());
  EXPECT_EQ(config->twilio.whatsapp_templates.at("reminder-friendly.nl"),
            "HX0123456789abcdef0123456789abcdef");
  EXPECT_TRUE(config->smtp.enabled());
  EXPECT_EQ(config->smtp.port, 8025);
  EXPECT_EQ(config->dispatch.batch_size, 100);
  EXPECT_DOUBLE_EQ(config->dispatch.rate_per_second.at("sms"), 2.5);
  EXPECT_EQ(config->letters.print_minutes, 15 * 60 + 30);
  EXPECT_DOUBLE_EQ(config->work_list.segment_weights.at("key-accounts"), 3.0);
}

TEST(ChannelsConfigTest, ErrorsNameTheField) {
  const auto field_of = [](const char* text) {
    Result<ChannelsConfig> config = ReadChannelsConfig(json::parse(text));
    return config.has_value() ? std::string("<accepted>") : FirstField(config.error());
  };
  EXPECT_EQ(field_of(R"({"twilio": {"account_sid": "XY1"}})"), "/channels/twilio/account_sid");
  EXPECT_EQ(field_of(R"({"twilio": {"base_url": "ftp://x"}})"), "/channels/twilio/base_url");
  EXPECT_EQ(field_of(R"({"twilio": {"whatsapp_templates": {"a.nl": 3}}})"),
            "/channels/twilio/whatsapp_templates/a.nl");
  EXPECT_EQ(field_of(R"({"smtp": {"security": "ssl"}})"), "/channels/smtp/security");
  EXPECT_EQ(field_of(R"({"smtp": {"port": 0}})"), "/channels/smtp/port");
  EXPECT_EQ(field_of(R"({"dispatch": {"rate_per_second": {"fax": 1}}})"),
            "/channels/dispatch/rate_per_second/fax");
  EXPECT_EQ(field_of(R"({"dispatch": {"retry_base_ms": 5000, "retry_cap_ms": 1000}})"),
            "/channels/dispatch/retry_cap_ms");
  EXPECT_EQ(field_of(R"({"letters": {"print_time": "25:00"}})"), "/channels/letters/print_time");
  EXPECT_EQ(field_of(R"({"company": {"name": ""}})"), "/channels/company/name");
  EXPECT_EQ(field_of(R"({"company": {"fax": "1"}})"), "/channels/company/fax");
  EXPECT_EQ(field_of(R"({"public_url": "duly.example.com"})"), "/channels/public_url");
  EXPECT_EQ(field_of(R"({"smtp": []})"), "/channels/smtp");
}

TEST(ChannelsConfigTest, SecretsFromTheEnvironmentReplaceTheFile) {
  ::setenv("DULY_TWILIO_AUTH_TOKEN", "from-env", 1);
  ::setenv("DULY_SMTP_PASSWORD", "pw-env", 1);
  Result<Config> config =
      ApplyOverrides(*ParseConfig(R"({"channels": {"twilio": {"auth_token": "from-file"}}})"), {});
  ::unsetenv("DULY_TWILIO_AUTH_TOKEN");
  ::unsetenv("DULY_SMTP_PASSWORD");
  ASSERT_TRUE(config.has_value()) << config.error().message;
  EXPECT_EQ(config->channels.twilio.auth_token, "from-env");
  EXPECT_EQ(config->channels.smtp.password, "pw-env");
}

TEST(ChannelsConfigTest, SchemaDescribesExactlyTheAcceptedFields) {
  const auto& files = schemas::Files();
  const json schema = json::parse(files.at("config.schema.json"));
  const json& channels = schema["properties"]["channels"];
  std::set<std::string> sections;
  for (const auto& [name, value] : channels["properties"].items()) sections.insert(name);
  EXPECT_EQ(sections, (std::set<std::string>{"public_url", "company", "twilio", "smtp", "dispatch",
                                             "letters", "work_list"}));
  for (const auto& [name, section] : channels["properties"].items()) {
    if (!section.contains("properties")) continue;
    // Every property the schema names is accepted alone...
    for (const auto& [field, spec] : section["properties"].items()) {
      json value = spec.contains("default") ? spec["default"] : json();
      if (value.is_null()) {
        if (spec["type"] == "string") value = field == "base_url" ? "https://x.example" : "";
        if (spec["type"] == "object") value = json::object();
      }
      if (field == "account_sid") value = "AC0123456789abcdef0123456789abcdef";
      Result<ChannelsConfig> config = ReadChannelsConfig({{name, {{field, value}}}});
      EXPECT_TRUE(config.has_value()) << name << "/" << field << ": " << config.error().message;
    }
    // ...and the section's example too.
    Result<ChannelsConfig> example = ReadChannelsConfig({{name, section["examples"][0]}});
    EXPECT_TRUE(example.has_value()) << name << ": " << example.error().message;
    // A field the schema does not name is refused.
    Result<ChannelsConfig> unknown = ReadChannelsConfig({{name, {{"no_such_field", 1}}}});
    ASSERT_FALSE(unknown.has_value()) << name;
    EXPECT_EQ(FirstField(unknown.error()), "/channels/" + name + "/no_such_field");
  }
}

}  // namespace
}  // namespace duly::daemon
