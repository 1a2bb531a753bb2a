// dulyd: the duly daemon. This file only wires the rooms together: config, store, router, API,
// HTTP server, systemd notification and signals. Exit codes: 0 after a clean shutdown, 1 when
// startup fails (the cause is logged), 2 for bad command-line usage.

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <exception>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>
#include <systemd/sd-daemon.h>

#include "daemon/api/api_routes.h"
#include "daemon/config/config.h"
#include "daemon/http/metrics.h"
#include "daemon/http/net.h"
#include "daemon/http/router.h"
#include "daemon/http/server.h"
#include "daemon/http/token_secret.h"
#include "daemon/store/database_url.h"
#include "daemon/store/soci_store.h"
#include "workflows/clock.h"

namespace duly::daemon {
namespace {

// Pings the systemd watchdog every `interval` until the timer is cancelled at shutdown.
net::awaitable<void> PingWatchdog(net::steady_timer& timer, std::chrono::microseconds interval) {
  for (;;) {
    sd_notify(0, "WATCHDOG=1");
    timer.expires_after(interval);
    beast::error_code ec;
    co_await timer.async_wait(net::redirect_error(net::use_awaitable, ec));
    if (ec == net::error::operation_aborted) co_return;
  }
}

// Runs the daemon until SIGTERM or SIGINT. Returns the process exit code.
int Run(const Config& config) {
  spdlog::set_level(spdlog::level::from_str(config.log_level));
  SystemClock clock;
  if (!config.test_clock.empty()) {
    spdlog::warn("--test-clock {} is reserved for the engine and has no effect yet",
                 config.test_clock);
  }

  Result<DatabaseUrl> url = DatabaseUrl::Parse(config.database_url);
  if (!url) {
    spdlog::critical("startup failed: database URL: {}", url.error().message);
    return 1;
  }
  StoreOptions store_options;
  store_options.pool_size = config.blocking_threads;
  Result<std::unique_ptr<SociStore>> store = OpenStore(*url, clock, store_options);
  if (!store) {
    spdlog::critical("startup failed: opening {}: {}", url->Redacted(), store.error().message);
    return 1;
  }
  spdlog::info("store {} open and migrated", url->Redacted());

  Metrics metrics;
  std::atomic<bool> accepting{false};
  Router router(MakeTokenAuthenticator(**store));
  ApiContext api{**store, clock, [&metrics] { return metrics.RenderText(); },
                 [&accepting] { return accepting.load(); }};
  AddApiRoutes(router, api);

  ServerOptions server_options;
  server_options.host = config.listen_address.host;
  server_options.port = config.listen_address.port;
  server_options.io_threads = config.io_threads;
  server_options.blocking_threads = config.blocking_threads;
  server_options.body_limit_bytes = config.http.body_limit_bytes;
  server_options.read_timeout = std::chrono::milliseconds(config.http.read_timeout_ms);
  Server server(server_options, router, metrics);
  const Status started = server.Start();
  if (!started) {
    spdlog::critical("startup failed: {}", started.error().message);
    return 1;
  }
  accepting = true;
  const std::string ready = "READY=1\nSTATUS=listening on " + config.listen_address.host + ":" +
                            std::to_string(server.port());
  sd_notify(0, ready.c_str());
  spdlog::info("dulyd ready on {}:{}", config.listen_address.host, server.port());

  // Signals and the watchdog run on their own small event loop on this thread.
  net::io_context control;
  net::signal_set signals(control, SIGTERM, SIGINT);
  net::steady_timer watchdog(control);
  std::uint64_t watchdog_usec = 0;
  if (sd_watchdog_enabled(0, &watchdog_usec) > 0 && watchdog_usec > 0) {
    net::co_spawn(control, PingWatchdog(watchdog, std::chrono::microseconds(watchdog_usec / 2)),
                  [](std::exception_ptr error) {
                    if (error) spdlog::error("the watchdog loop failed");
                  });
  }
  signals.async_wait([&](const beast::error_code& ec, int signal_number) {
    if (ec) return;
    spdlog::info("signal {} received; shutting down", signal_number);
    sd_notify(0, "STOPPING=1");
    accepting = false;
    watchdog.cancel();
  });
  control.run();

  server.Stop();
  spdlog::info("dulyd stopped");
  return 0;
}

}  // namespace
}  // namespace duly::daemon

int main(int argc, char** argv) {
  using duly::daemon::Config;
  CLI::App app{"dulyd: the duly accounts-receivable collection daemon"};
  std::string config_path;
  duly::daemon::ConfigOverrides overrides;
  app.add_option("--config", config_path, "JSON config file (see schemas/config.schema.json)");
  app.add_option("--database", overrides.database,
                 "database URL (sqlite:///path.db or postgresql://...); "
                 "default $DULY_DATABASE_URL, then the config file");
  app.add_option("--listen", overrides.listen,
                 "host:port to serve HTTP on (default 127.0.0.1:8080)");
  app.add_option("--test-clock", overrides.test_clock,
                 "start a simulated clock at this instant (reserved for the engine)");
  app.add_option("--log-level", overrides.log_level,
                 "trace, debug, info, warn, error, critical or off (default info)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }

  try {
    Config config;
    if (!config_path.empty()) {
      duly::Result<Config> loaded = duly::daemon::LoadConfigFile(config_path);
      if (!loaded) {
        spdlog::critical("startup failed: {}", loaded.error().message);
        return 1;
      }
      config = *loaded;
    }
    duly::Result<Config> merged = duly::daemon::ApplyOverrides(config, overrides);
    if (!merged) {
      spdlog::critical("startup failed: {}", merged.error().message);
      return 1;
    }
    return duly::daemon::Run(*merged);
  } catch (const std::exception& e) {
    spdlog::critical("startup failed: {}", e.what());
    return 1;
  }
}
