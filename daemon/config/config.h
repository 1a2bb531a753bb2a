// duly::daemon::Config: how dulyd is configured, from a JSON file, the environment and flags.
//
// Promise: LoadConfigFile/ParseConfig accept exactly the fields of schemas/config.schema.json
// (unknown fields are errors) and fill defaults for the rest; every error is kInvalidArgument and
// names the field as a JSON pointer ("/http/body_limit_bytes") with what is wrong. ApplyOverrides
// lays command-line flags over the file, and resolves the database URL: --database, else
// $DULY_DATABASE_URL, else the file's database_url, else DefaultDatabaseUrl(). The result of
// ApplyOverrides is fully validated (listen address, time zone, database URL syntax, engine
// options; --test-clock-start without --test-clock is an error naming "--test-clock-start").
// Plain data and pure functions apart from reading the file and the environment; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "daemon/config/cases_config.h"
#include "daemon/config/channels_config.h"
#include "daemon/config/mollie_config.h"
#include "daemon/config/plans_config.h"
#include "workflows/status.h"

namespace duly::daemon {

struct ListenAddress {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
};

// "host:port", "[::1]:port" or ":port" (all interfaces). Port 0 picks a free port.
Result<ListenAddress> ParseListenAddress(std::string_view text);

struct HttpLimits {
  std::size_t body_limit_bytes = 8 * 1024 * 1024;
  int read_timeout_ms = 30'000;
};

// The collection engine's policy ("engine" in the config file). The customer time zone default is
// Config::time_zone.
struct EngineConfig {
  std::string country = "NL";       // holiday calendar for customers without an address country
  std::string send_time = "09:00";  // local time a day-offset step is due ("due+3d" at 09:00)
  int send_minutes = 9 * 60;        // send_time parsed: minutes after local midnight
  int batch_size = 1000;            // timers decided per transaction
  int poll_interval_ms = 5000;      // longest the scheduler sleeps (sees other nodes' timers)
};

struct Config {
  std::string database_url;  // after ApplyOverrides: the URL to open
  std::string listen = "127.0.0.1:8080";
  ListenAddress listen_address;  // parsed from `listen`
  std::string time_zone = "Europe/Amsterdam";
  int io_threads = 1;
  int blocking_threads = 4;
  HttpLimits http;
  std::string log_level = "info";  // trace, debug, info, warn, error, critical, off
  EngineConfig engine;
  ChannelsConfig channels;  // secrets from the environment applied by ApplyOverrides
  // mollie: payment links (mollie_config.h); $DULY_MOLLIE_API_KEY applied by ApplyOverrides,
  // which then requires redirect_url and channels.public_url when it is active.
  MollieConfig mollie;
  // plans: payment-plan policies per segment, promise and plan grace, installment reminders,
  // credit-status thresholds (plans_config.h); its time_zone is set from time_zone.
  PlanSettings plans;
  // cases: routing and timing of complaint cases (cases_config.h); its time_zone and country are
  // set from time_zone and engine.country.
  CasePolicy cases = DefaultCasePolicy();
  // web.dir: the built web UI (web/dist) dulyd serves at /; $DULY_WEB_DIR overrides it.
  std::string web_dir = "/usr/share/duly/web";
  // --test-clock: time is a ManualClock moved by POST /v1/test/clock (never from the file).
  bool test_clock = false;
  // --test-clock-start: the test clock's first instant (ISO 8601), as given; empty: the real now.
  std::string test_clock_start;
};

// Parses and validates a config document. An empty object gives the defaults.
Result<Config> ParseConfig(std::string_view json_text);

// Reads `path` and parses it. Errors name the path: kNotFound if it cannot be read.
Result<Config> LoadConfigFile(const std::string& path);

// What the command line may override; empty strings mean "not given".
struct ConfigOverrides {
  std::string database;
  std::string listen;
  std::string log_level;
  bool test_clock = false;
  std::string test_clock_start;  // REQUIRES: only with test_clock
};

Result<Config> ApplyOverrides(Config config, const ConfigOverrides& overrides);

// `duly config check PATH`: loads and validates the file as dulyd would (without flags).
Status CheckConfigFile(const std::string& path);

}  // namespace duly::daemon
