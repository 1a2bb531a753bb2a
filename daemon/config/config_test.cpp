#include "daemon/config/config.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "schemas/files.h"

namespace duly::daemon {
namespace {

using ::testing::HasSubstr;

std::string FirstField(const Error& error) {
  return error.fields.empty() ? std::string("<none>") : error.fields[0].field;
}

TEST(ConfigTest, EmptyObjectGivesDefaults) {
  Result<Config> config = ParseConfig("{}");
  ASSERT_TRUE(config.has_value()) << config.error().message;
  EXPECT_EQ(config->listen, "127.0.0.1:8080");
  EXPECT_EQ(config->listen_address.host, "127.0.0.1");
  EXPECT_EQ(config->listen_address.port, 8080);
  EXPECT_EQ(config->time_zone, "Europe/Amsterdam");
  EXPECT_EQ(config->io_threads, 1);
  EXPECT_EQ(config->blocking_threads, 4);
  EXPECT_EQ(config->http.body_limit_bytes, 8u * 1024 * 1024);
  EXPECT_EQ(config->http.read_timeout_ms, 30000);
  EXPECT_EQ(config->log_level, "info");
  EXPECT_TRUE(config->database_url.empty());
  EXPECT_EQ(config->engine.country, "NL");
  EXPECT_EQ(config->engine.send_minutes, 9 * 60);
  EXPECT_EQ(config->engine.batch_size, 1000);
  EXPECT_EQ(config->engine.poll_interval_ms, 5000);
  EXPECT_FALSE(config->test_clock);
}

TEST(ConfigTest, EveryFieldIsRead) {
  Result<Config> config = ParseConfig(R"({
    "database_url": "sqlite:///var/lib/duly/duly.db",
    "listen": "0.0.0.0:9090",
    "time_zone": "America/New_York",
    "io_threads": 2,
    "blocking_threads": 8,
    "http": {"body_limit_bytes": 1048576, "read_timeout_ms": 5000},
    "log_level": "debug",
    "engine": {"country": "BE", "send_time": "08:30", "batch_size": 100, "poll_interval_ms": 2000}
  })");
  ASSERT_TRUE(config.has_value()) << config.error().message;
  EXPECT_EQ(config->database_url, "sqlite:///var/lib/duly/duly.db");
  EXPECT_EQ(config->listen_address.host, "0.0.0.0");
  EXPECT_EQ(config->listen_address.port, 9090);
  EXPECT_EQ(config->time_zone, "America/New_York");
  EXPECT_EQ(config->io_threads, 2);
  EXPECT_EQ(config->blocking_threads, 8);
  EXPECT_EQ(config->http.body_limit_bytes, 1048576u);
  EXPECT_EQ(config->http.read_timeout_ms, 5000);
  EXPECT_EQ(config->log_level, "debug");
  EXPECT_EQ(config->engine.country, "BE");
  EXPECT_EQ(config->engine.send_time, "08:30");
  EXPECT_EQ(config->engine.send_minutes, 8 * 60 + 30);
  EXPECT_EQ(config->engine.batch_size, 100);
  EXPECT_EQ(config->engine.poll_interval_ms, 2000);
}

TEST(ConfigTest, ErrorsNameTheField) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"listen": 8080})", "/listen"},
      {R"({"listen": "localhost"})", "/listen"},
      {R"({"listen": "127.0.0.1:70000"})", "/listen"},
      {R"({"time_zone": "Mars/Olympus"})", "/time_zone"},
      {R"({"io_threads": 0})", "/io_threads"},
      {R"({"io_threads": 1.5})", "/io_threads"},
      {R"({"blocking_threads": "4"})", "/blocking_threads"},
      {R"({"http": {"body_limit_bytes": -1}})", "/http/body_limit_bytes"},
      {R"({"http": {"read_timeout_ms": 1}})", "/http/read_timeout_ms"},
      {R"({"http": {"header_limit": 1}})", "/http/header_limit"},
      {R"({"http": []})", "/http"},
      {R"({"log_level": "loud"})", "/log_level"},
      {R"({"engine": []})", "/engine"},
      {R"({"engine": {"country": "DE"}})", "/engine/country"},
      {R"({"engine": {"send_time": "9:00"}})", "/engine/send_time"},
      {R"({"engine": {"send_time": "24:00"}})", "/engine/send_time"},
      {R"({"engine": {"batch_size": 0}})", "/engine/batch_size"},
      {R"({"engine": {"poll_interval_ms": 10}})", "/engine/poll_interval_ms"},
      {R"({"engine": {"time_zone": "UTC"}})", "/engine/time_zone"},
      {R"({"database_url": "mysql://x"})", "/database_url"},
      {R"({"databse_url": "sqlite::memory:"})", "/databse_url"},
      {R"([])", ""},
      {R"({"listen": )", ""},
  };
  for (const auto& [text, field] : cases) {
    Result<Config> config = ParseConfig(text);
    ASSERT_FALSE(config.has_value()) << text;
    EXPECT_EQ(config.error().code, ErrorCode::kInvalidArgument) << text;
    EXPECT_EQ(FirstField(config.error()), field) << text << ": " << config.error().message;
  }
}

TEST(ConfigTest, ListenAddressForms) {
  EXPECT_EQ(ParseListenAddress("[::1]:8081")->host, "::1");
  EXPECT_EQ(ParseListenAddress(":8082")->host, "0.0.0.0");
  EXPECT_EQ(ParseListenAddress("127.0.0.1:0")->port, 0);
  EXPECT_FALSE(ParseListenAddress("127.0.0.1:").has_value());
  EXPECT_FALSE(ParseListenAddress("127.0.0.1:80a").has_value());
}

class ConfigFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("duly_config_test_" + std::to_string(::getpid()) + ".json");
    ::unsetenv("DULY_DATABASE_URL");
  }
  void TearDown() override {
    std::filesystem::remove(path_);
    ::unsetenv("DULY_DATABASE_URL");
  }
  void Write(const std::string& text) { std::ofstream(path_) << text; }
  std::filesystem::path path_;
};

TEST_F(ConfigFileTest, CheckConfigFileAcceptsAValidFile) {
  Write(R"({"listen": "127.0.0.1:8080", "database_url": "sqlite::memory:"})");
  EXPECT_TRUE(CheckConfigFile(path_.string()).ok());
}

TEST_F(ConfigFileTest, CheckConfigFileNamesFileAndField) {
  Write(R"({"log_level": "chatty"})");
  const Status status = CheckConfigFile(path_.string());
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.error().message, HasSubstr(path_.string()));
  EXPECT_THAT(status.error().message, HasSubstr("/log_level"));
}

TEST_F(ConfigFileTest, MissingFileIsNotFound) {
  const Status status = CheckConfigFile((path_ / "absent.json").string());
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kNotFound);
}

TEST_F(ConfigFileTest, FlagsOverrideFileAndEnvironment) {
  Write(R"({"listen": "127.0.0.1:8080", "database_url": "sqlite:///tmp/from_file.db"})");
  Result<Config> config = LoadConfigFile(path_.string());
  ASSERT_TRUE(config.has_value());
  ::setenv("DULY_DATABASE_URL", "sqlite:///tmp/from_env.db", 1);
  Result<Config> merged = ApplyOverrides(*config, {"sqlite:///tmp/from_flag.db", "127.0.0.1:0",
                                                   "debug", true, "2026-01-01T00:00:00Z"});
  ASSERT_TRUE(merged.has_value()) << merged.error().message;
  EXPECT_EQ(merged->database_url, "sqlite:///tmp/from_flag.db");
  EXPECT_EQ(merged->listen_address.port, 0);
  EXPECT_EQ(merged->log_level, "debug");
  EXPECT_TRUE(merged->test_clock);
  EXPECT_EQ(merged->test_clock_start, "2026-01-01T00:00:00Z");
}

TEST_F(ConfigFileTest, TestClockStartNeedsTheTestClock) {
  Result<Config> merged = ApplyOverrides(Config{}, {"", "", "", false, "2026-01-01T00:00:00Z"});
  ASSERT_FALSE(merged.has_value());
  EXPECT_EQ(FirstField(merged.error()), "--test-clock-start");
}

TEST_F(ConfigFileTest, EnvironmentBeatsFileAndFileBeatsDefault) {
  Config config;
  config.database_url = "sqlite:///tmp/from_file.db";
  Result<Config> from_file = ApplyOverrides(config, {});
  ASSERT_TRUE(from_file.has_value());
  EXPECT_EQ(from_file->database_url, "sqlite:///tmp/from_file.db");

  ::setenv("DULY_DATABASE_URL", "sqlite:///tmp/from_env.db", 1);
  Result<Config> from_env = ApplyOverrides(config, {});
  ASSERT_TRUE(from_env.has_value());
  EXPECT_EQ(from_env->database_url, "sqlite:///tmp/from_env.db");
}

TEST_F(ConfigFileTest, WebDirFromFileThenEnvironment) {
  Result<Config> defaults = ParseConfig("{}");
  ASSERT_TRUE(defaults.has_value());
  EXPECT_EQ(defaults->web_dir, "/usr/share/duly/web");
  Result<Config> from_file = ParseConfig(R"({"web": {"dir": "/srv/duly/web"}})");
  ASSERT_TRUE(from_file.has_value());
  EXPECT_EQ(from_file->web_dir, "/srv/duly/web");
  ::setenv("DULY_WEB_DIR", "/tmp/web-dist", 1);
  Result<Config> merged = ApplyOverrides(*from_file, {});
  ::unsetenv("DULY_WEB_DIR");
  ASSERT_TRUE(merged.has_value());
  EXPECT_EQ(merged->web_dir, "/tmp/web-dist");
  EXPECT_EQ(FirstField(ParseConfig(R"({"web": {"dir": ""}})").error()), "/web/dir");
  EXPECT_EQ(FirstField(ParseConfig(R"({"web": {"folder": "x"}})").error()), "/web/folder");
  EXPECT_EQ(FirstField(ParseConfig(R"({"web": "x"})").error()), "/web");
}

TEST_F(ConfigFileTest, BadOverrideNamesTheField) {
  Result<Config> merged = ApplyOverrides(Config{}, {"", "nonsense", "", false, ""});
  ASSERT_FALSE(merged.has_value());
  EXPECT_EQ(FirstField(merged.error()), "/listen");
}

TEST(ConfigSchemaTest, SchemaDescribesExactlyTheAcceptedFields) {
  const auto& files = schemas::Files();
  const auto it = files.find("config.schema.json");
  ASSERT_NE(it, files.end());
  const auto schema = nlohmann::json::parse(it->second);
  EXPECT_EQ(schema["additionalProperties"], false);
  std::set<std::string> top;
  for (const auto& [name, value] : schema["properties"].items()) top.insert(name);
  EXPECT_EQ(top, (std::set<std::string>{"database_url", "listen", "time_zone", "io_threads",
                                        "blocking_threads", "http", "log_level", "engine",
                                        "channels", "web", "plans", "cases", "mollie"}));
  std::set<std::string> http;
  for (const auto& [name, value] : schema["properties"]["http"]["properties"].items()) {
    http.insert(name);
  }
  EXPECT_EQ(http, (std::set<std::string>{"body_limit_bytes", "read_timeout_ms"}));
  std::set<std::string> engine;
  for (const auto& [name, value] : schema["properties"]["engine"]["properties"].items()) {
    engine.insert(name);
  }
  EXPECT_EQ(engine,
            (std::set<std::string>{"country", "send_time", "batch_size", "poll_interval_ms"}));
  // Every property the schema names must be accepted by the loader with its example value.
  for (const auto& [name, value] : schema["properties"].items()) {
    if (!value.contains("examples")) continue;
    nlohmann::json document = {{name, value["examples"][0]}};
    Result<Config> config = ParseConfig(document.dump());
    EXPECT_TRUE(config.has_value()) << name << ": " << config.error().message;
  }
}

}  // namespace
}  // namespace duly::daemon
