// dulyd: the duly daemon. This file only wires the rooms together: config, clock, store, engine
// and its scheduler, router, API, HTTP server, systemd notification and signals. Exit codes: 0
// after a clean shutdown, 1 when startup fails (the cause is logged), 2 for bad command-line usage.

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <limits>
#include <memory>
#include <string>
#include <system_error>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>
#include <systemd/sd-daemon.h>
#include <unistd.h>

#include "channels/http/curl_http_client.h"
#include "channels/mollie/mollie_client.h"
#include "channels/mollie/mollie_payment_links.h"
#include "daemon/api/api_routes.h"
#include "daemon/api/iso_instant.h"
#include "daemon/cases/case_job.h"
#include "daemon/cluster/job_runner.h"
#include "daemon/cluster/node_lock.h"
#include "daemon/config/config.h"
#include "daemon/delivery/delivery.h"
#include "daemon/delivery/delivery_settings.h"
#include "daemon/http/metrics.h"
#include "daemon/http/net.h"
#include "daemon/http/router.h"
#include "daemon/http/server.h"
#include "daemon/http/token_secret.h"
#include "daemon/mollie/mollie_payment_sync.h"
#include "daemon/plans/plan_job.h"
#include "daemon/scheduler/engine_scheduler.h"
#include "daemon/scheduler/scheduler_metrics.h"
#include "daemon/simulate/simulator.h"
#include "daemon/store/database_url.h"
#include "daemon/store/node_registry.h"
#include "daemon/store/pg_wakeups.h"
#include "daemon/store/singleton_lock.h"
#include "daemon/store/soci_case_store.h"
#include "daemon/store/soci_payment_link_store.h"
#include "daemon/store/soci_plan_store.h"
#include "daemon/store/soci_promise_store.h"
#include "daemon/store/soci_report_store.h"
#include "daemon/store/soci_statement_store.h"
#include "daemon/store/soci_store.h"
#include "workflows/clock.h"
#include "workflows/engine/engine.h"
#include "workflows/engine/engine_options.h"

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

WorkListPolicy WorkListPolicyFrom(const Config& config) {
  WorkListPolicy policy;
  policy.segment_weights = config.channels.work_list.segment_weights;
  policy.retry_in_working_hours = config.channels.work_list.retry_in_working_hours;
  return policy;
}

EngineOptions EngineOptionsFrom(const Config& config) {
  EngineOptions options;
  options.default_time_zone = config.time_zone;
  options.default_country = config.engine.country;
  options.send_time = std::chrono::minutes(config.engine.send_minutes);
  options.batch_size = config.engine.batch_size;
  // The engine pauses a promised invoice as long as the plan job waits before calling it broken.
  options.promise_grace_days = config.plans.promise_grace_days;
  return options;
}

// POST /v1/workflows/{id}/simulate: each run gets its own scratch directory, removed afterwards.
Status SimulateInScratch(const Scenario& scenario,
                         const std::function<void(const nlohmann::json&)>& emit) {
  static std::atomic<int> runs{0};
  const std::filesystem::path scratch =
      std::filesystem::temp_directory_path() /
      ("dulyd_simulate_" + std::to_string(::getpid()) + "_" + std::to_string(runs++));
  std::error_code ec;
  std::filesystem::remove_all(scratch, ec);
  std::filesystem::create_directories(scratch, ec);
  if (ec) return InternalError("cannot create " + scratch.string() + ": " + ec.message());
  SimulationOptions options;
  options.scratch_dir = scratch;
  Status simulated = Simulate(scenario, options, emit);
  std::filesystem::remove_all(scratch, ec);
  return simulated;
}

// Runs the daemon until SIGTERM or SIGINT. Returns the process exit code.
int Run(const Config& config) {
  spdlog::set_level(spdlog::level::from_str(config.log_level));
  SystemClock system_clock;
  std::unique_ptr<ManualClock> test_clock;
  if (config.test_clock) {
    Instant start = system_clock.Now();
    if (!config.test_clock_start.empty()) {
      Result<Instant> parsed = ParseIsoInstant(config.test_clock_start);
      if (!parsed) {
        spdlog::critical("startup failed: --test-clock-start: {}", parsed.error().message);
        return 1;
      }
      start = *parsed;
    }
    test_clock = std::make_unique<ManualClock>(start);
    spdlog::warn("test clock: time starts at {} and moves only by POST /v1/test/clock",
                 FormatInstantUtc(start));
  }
  const Clock& clock = test_clock ? static_cast<const Clock&>(*test_clock) : system_clock;

  Result<DatabaseUrl> url = DatabaseUrl::Parse(config.database_url);
  if (!url) {
    spdlog::critical("startup failed: database URL: {}", url.error().message);
    return 1;
  }
  // SQLite serves one node: a second dulyd on the same file stops here, before touching it.
  Result<NodeLock> node_lock = NodeLock();
  if (url->kind == DatabaseKind::kSqlite) node_lock = LockSqliteNode(url->sqlite_path);
  if (!node_lock) {
    spdlog::critical("startup failed: {}", node_lock.error().message);
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

  SociStore& db = **store;
  // The rooms that keep their tables beside the core ones share its connections: one SQLite
  // writer, one history chain.
  SociCaseStore cases(db.SharedConnections(), clock, config.cases);
  SociPromiseStore promises(db.SharedConnections(), clock, config.plans);
  SociPlanStore plans(db.SharedConnections(), clock, config.plans);
  SociStatementStore statements(db.SharedConnections(), clock);
  SociPaymentLinkStore payment_links(db.SharedConnections(), clock);
  SociReportStore reports(db.SharedConnections(), clock);

  // Mollie payment links in customer messages, and its webhook's payments posted.
  std::unique_ptr<channels::mollie::MollieClient> mollie;
  std::unique_ptr<channels::mollie::MolliePaymentLinks> mollie_links;
  std::unique_ptr<MolliePaymentSync> mollie_sync;
  if (config.mollie.active()) {
    channels::mollie::MollieConfig mollie_config;
    mollie_config.api_key = config.mollie.api_key;
    mollie_config.base_url = config.mollie.base_url;
    mollie_config.redirect_url = config.mollie.redirect_url;
    mollie_config.webhook_url = channels::mollie::WebhookUrlFor(config.channels.public_url);
    mollie_config.link_lifetime = std::chrono::hours(config.mollie.link_lifetime_hours);
    mollie_config.request_timeout = std::chrono::milliseconds(config.mollie.timeout_ms);
    mollie = std::make_unique<channels::mollie::MollieClient>(
        mollie_config, std::make_shared<channels::http::CurlHttpClient>());
    mollie_links =
        std::make_unique<channels::mollie::MolliePaymentLinks>(*mollie, payment_links, clock);
    mollie_sync = std::make_unique<MolliePaymentSync>(*mollie, payment_links, db, config.time_zone);
    spdlog::info("mollie: payment links on, webhook {}", mollie_config.webhook_url);
  }

  // The engine runs on `control` (this thread's event loop, with signals and the watchdog); its
  // database work goes to its own one-thread pool (SQLite has one writer anyway).
  net::io_context control;
  net::thread_pool engine_pool(1);

  // Messages the engine queues are delivered by the channels the config enables.
  char host[256] = "dulyd";
  ::gethostname(host, sizeof host - 1);
  const std::string node = std::string(host) + ":" + std::to_string(::getpid());
  // This node in the nodes table, with a heartbeat every 10 s (GET /v1/nodes).
  NodeRegistry nodes(db.SharedConnections(), system_clock);
  NodeStatus self;
  self.id = node + ":" + std::to_string(ToEpochMillis(system_clock.Now()));
  self.host = host;
  self.pid = ::getpid();
  self.version = DULY_VERSION;
  if (Status registered = nodes.Register(self); !registered) {
    spdlog::critical("startup failed: registering node {}: {}", self.id,
                     registered.error().message);
    return 1;
  }
  Result<std::unique_ptr<Delivery>> created =
      Delivery::Create(config, control, DeliveryStores{db, db, db, db, mollie_links.get()}, clock,
                       node, test_clock != nullptr);
  if (!created) {
    spdlog::critical("startup failed: {}", created.error().message);
    return 1;
  }
  Delivery& delivery = **created;

  Engine engine(db, db, clock, EngineOptionsFrom(config));
  SchedulerMetrics scheduler_metrics;
  SchedulerOptions scheduler_options;
  scheduler_options.poll = std::chrono::milliseconds(config.engine.poll_interval_ms);
  scheduler_options.wait_for_wake = test_clock != nullptr;
  // A round that queued messages (or moved any) wakes the dispatcher.
  scheduler_options.after_round = [&delivery](const FireReport& report) {
    if (report.effects > 0) delivery.Wake();
  };
  EngineScheduler scheduler(control, engine_pool, engine, clock, scheduler_metrics,
                            scheduler_options);

  // On PostgreSQL other nodes' commits wake this node's loops (LISTEN/NOTIFY, migration 0012).
  std::unique_ptr<PgWakeups> wakeups;
  if (url->kind == DatabaseKind::kPostgresql) {
    wakeups = std::make_unique<PgWakeups>(url->soci_connect,
                                          [&scheduler, &delivery](const std::string& channel) {
                                            if (channel == "duly_timers") scheduler.Wake();
                                            if (channel == "duly_outbox") delivery.Wake();
                                          });
  }

  // Periodic jobs; those that must run on one node at a time hold an advisory lock.
  SingletonLock singleton_lock(db.SharedConnections());
  JobRunner jobs(control, singleton_lock);
  jobs.Add({.name = "node-heartbeat",
            .every = std::chrono::seconds(10),
            .singleton = false,
            .on_test_clock = false,
            .round = [&nodes, &self] {
              Status beat = nodes.Heartbeat(self.id);
              if (!beat && beat.error().code == ErrorCode::kNotFound) return nodes.Register(self);
              return beat;
            }});

  CaseJob case_job(cases);
  jobs.Add({.name = "case-reminders-and-escalations", .round = [&case_job, &clock, &delivery] {
              Result<CaseRound> round = case_job.RunDue(clock.Now());
              if (!round) return Status(std::move(round).error());
              if (round->reminders + round->escalations > 0) delivery.Wake();
              return Status::Ok();
            }});
  PlanJob plan_job(promises, plans);
  jobs.Add({.name = "promises-and-plans", .round = [&plan_job, &clock, &delivery, &scheduler] {
              Result<PlanJobReport> round = plan_job.RunDue(clock.Now());
              if (!round) return Status(std::move(round).error());
              if (round->Changes() > 0) {
                scheduler.Wake();  // broken promises and plans resume their invoices
                delivery.Wake();   // installment reminders
              }
              return Status::Ok();
            }});

  Metrics metrics;
  metrics.AddGauge("duly_engine_pending_timers", "Engine timers in the store, due or not.", [&db] {
    Result<std::int64_t> pending = db.PendingTimers();
    return pending ? static_cast<double>(*pending) : std::numeric_limits<double>::quiet_NaN();
  });
  std::atomic<bool> accepting{false};
  Router router(MakeTokenAuthenticator(db));
  ApiContext api{.store = db,
                 .clock = clock,
                 .metrics_text =
                     [&metrics, &scheduler_metrics, &delivery, &jobs] {
                       return metrics.RenderText() + scheduler_metrics.RenderText() +
                              delivery.MetricsText() + jobs.MetricsText();
                     },
                 .accepting = [&accepting] { return accepting.load(); },
                 .catalog = db,
                 .timers = db,
                 .wake_engine = [&scheduler] { scheduler.Wake(); },
                 .test_clock = test_clock.get(),
                 .catch_up_engine = nullptr,
                 .simulate = &SimulateInScratch,
                 .time_zone = config.time_zone,
                 .outbox = &db,
                 .tasks = &db,
                 .twilio_auth_token = config.channels.twilio.auth_token,
                 .public_url = config.channels.public_url,
                 .twilio_collector_number = config.channels.twilio.collector_number,
                 .work_list = WorkListPolicyFrom(config),
                 .templates = &db,
                 .company = *CompanyProfileFrom(config),
                 .letters_dir = delivery.letters().dir.string(),
                 .print_letters = [&delivery] { return delivery.PrintDue(); }};
  api.list_nodes = [&nodes] { return nodes.List(); };
  api.cases = &cases;
  api.promises = &promises;
  api.plans = &plans;
  api.statements = &statements;
  api.reports = &reports;
  if (mollie_sync) {
    api.mollie_payment_changed = [&mollie_sync](const std::string& id) {
      return mollie_sync->PaymentChanged(id);
    };
  }
  api.web_dir = config.web_dir;
  if (test_clock) {
    // The dispatcher sleeps until woken on the test clock: wake it once the engine has caught up,
    // so retries and queued messages that became due by the move go out.
    api.catch_up_engine = [&scheduler, &delivery, &jobs](const std::function<void()>& move_clock) {
      Result<FireReport> report = scheduler.CatchUp(move_clock);
      // Reminders, escalations and rounds the move made due run before the answer.
      if (Status ran = jobs.RunAllNow(); !ran) {
        spdlog::error("jobs after the test clock moved: {}", ran.error().message);
      }
      delivery.Wake();
      // Letters whose print time the move passed are printed before the answer, as the minute
      // loop of the system clock would have.
      if (Result<std::vector<channels::PrintRegister>> printed = delivery.PrintDue(); !printed) {
        spdlog::error("letters: the print batch failed: {}", printed.error().message);
      }
      return report;
    };
  }
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
  scheduler.Start();
  delivery.Start();
  jobs.Start();
  // Posted after the scheduler's coroutine, so READY is sent once the engine loop runs.
  const std::string ready = "READY=1\nSTATUS=listening on " + config.listen_address.host + ":" +
                            std::to_string(server.port());
  net::post(control, [&ready, &config, &server] {
    sd_notify(0, ready.c_str());
    spdlog::info("dulyd ready on {}:{}", config.listen_address.host, server.port());
  });

  // Signals, the watchdog and the engine scheduler run on the event loop of this thread.
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
    scheduler.Stop();
    delivery.Stop();
    jobs.Stop();
  });
  control.run();

  server.Stop();
  engine_pool.join();
  if (Status stopped = nodes.Stop(self.id); !stopped) {
    spdlog::warn("recording node {} as stopped: {}", self.id, stopped.error().message);
  }
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
  app.add_flag("--test-clock", overrides.test_clock,
               "run on a test clock that only POST /v1/test/clock moves (for tests and demos)");
  app.add_option("--test-clock-start", overrides.test_clock_start,
                 "the test clock's first instant, ISO 8601 with offset (default: now)");
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
