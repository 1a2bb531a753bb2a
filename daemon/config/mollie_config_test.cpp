#include "daemon/config/mollie_config.h"

#include <cstdlib>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "daemon/config/config.h"
#include "schemas/files.h"

namespace duly::daemon {
namespace {

using nlohmann::json;

std::string FirstField(const Error& error) {
  return error.fields.empty() ? std::string("<none>") : error.fields.front().field;
}

TEST(MollieConfigTest, DefaultsAreOff) {
  Result<MollieConfig> config = ReadMollieConfig(json::object());
  ASSERT_TRUE(config.has_value()) << config.error().message;
  EXPECT_FALSE(config->active());
  EXPECT_EQ(config->base_url, "https://api.mollie.com");
  EXPECT_EQ(config->link_lifetime_hours, 168);
  EXPECT_EQ(config->timeout_ms, 15000);
}

TEST(MollieConfigTest, ReadsEveryField) {
  Result<MollieConfig> config = ReadMollieConfig(json::parse(R"({
      "enabled": true, "api_key": "test_abc", "base_url": "http://127.0.0.1:4011",
      "redirect_url": "https://duly.example.com/paid", "link_lifetime_hours": 48,
      "timeout_ms": 5000})"));
  ASSERT_TRUE(config.has_value()) << config.error().message;
  EXPECT_TRUE(config->active());
  EXPECT_EQ(config->api_key, "test_abc");
  EXPECT_EQ(config->base_url, "http://127.0.0.1:4011");
  EXPECT_EQ(config->redirect_url, "https://duly.example.com/paid");
  EXPECT_EQ(config->link_lifetime_hours, 48);
  EXPECT_EQ(config->timeout_ms, 5000);
  Result<MollieConfig> off = ReadMollieConfig(json::parse(R"({"enabled": false,
      "api_key": "live_abc"})"));
  ASSERT_TRUE(off.has_value());
  EXPECT_FALSE(off->active());
}

TEST(MollieConfigTest, BadFieldsAreNamed) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"([])", "/mollie"},
      {R"({"apikey": "test_x"})", "/mollie/apikey"},
      {R"({"api_key": 5})", "/mollie/api_key"},
      {R"({"api_key": "access_abc"})", "/mollie/api_key"},
      {R"({"enabled": "yes"})", "/mollie/enabled"},
      {R"({"base_url": "api.mollie.com"})", "/mollie/base_url"},
      {R"({"redirect_url": "duly.example.com/paid"})", "/mollie/redirect_url"},
      {R"({"link_lifetime_hours": 0})", "/mollie/link_lifetime_hours"},
      {R"({"timeout_ms": 10})", "/mollie/timeout_ms"},
  };
  for (const auto& [text, field] : cases) {
    Result<MollieConfig> config = ReadMollieConfig(json::parse(text));
    ASSERT_FALSE(config.has_value()) << text;
    EXPECT_EQ(FirstField(config.error()), field) << text << ": " << config.error().message;
  }
}

TEST(MollieConfigTest, AnActiveMollieNeedsARedirectAndThePublicUrl) {
  MollieConfig config;
  EXPECT_TRUE(CheckMollieConfig(config, ""));  // off: nothing needed
  config.api_key = "test_abc";
  EXPECT_EQ(FirstField(CheckMollieConfig(config, "https://duly.example.com").error()),
            "/mollie/redirect_url");
  config.redirect_url = "https://duly.example.com/paid";
  EXPECT_EQ(FirstField(CheckMollieConfig(config, "").error()), "/channels/public_url");
  EXPECT_TRUE(CheckMollieConfig(config, "https://duly.example.com"));
}

TEST(MollieConfigTest, TheApiKeyMayComeFromTheEnvironment) {
  ::setenv("DULY_MOLLIE_API_KEY", "live_from_env", 1);
  Result<Config> config =
      ApplyOverrides(*ParseConfig(R"({"channels": {"public_url": "https://duly.example.com"},
          "mollie": {"api_key": "test_file", "redirect_url": "https://duly.example.com/paid"}})"),
                     {});
  ::unsetenv("DULY_MOLLIE_API_KEY");
  ASSERT_TRUE(config.has_value()) << config.error().message;
  EXPECT_EQ(config->mollie.api_key, "live_from_env");
  Result<Config> incomplete =
      ApplyOverrides(*ParseConfig(R"({"mollie": {"api_key": "test_x"}})"), {});
  ASSERT_FALSE(incomplete.has_value());
  EXPECT_EQ(FirstField(incomplete.error()), "/mollie/redirect_url");
}

TEST(MollieConfigTest, SchemaDescribesExactlyTheAcceptedFields) {
  const json schema = json::parse(schemas::Files().at("config.schema.json"));
  const json& mollie = schema["properties"]["mollie"];
  std::set<std::string> fields;
  for (const auto& [name, spec] : mollie["properties"].items()) fields.insert(name);
  EXPECT_EQ(fields, (std::set<std::string>{"enabled", "api_key", "base_url", "redirect_url",
                                           "link_lifetime_hours", "timeout_ms"}));
  Result<MollieConfig> example = ReadMollieConfig(mollie["examples"][0]);
  EXPECT_TRUE(example.has_value()) << example.error().message;
}

}  // namespace
}  // namespace duly::daemon
