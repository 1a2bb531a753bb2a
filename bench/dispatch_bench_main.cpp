// duly_dispatch_bench: messages per second through the outbox dispatcher, whole system: reminders
// queued by the collection engine, composed from the store's customers, invoices and templates,
// sent through a real channel, each recorded in the outbox. Not a test; bench/dispatch_bench.sh
// runs it against the Twilio stand-in (answering at once and after 50 ms) and a real SMTP server.
//
//   duly_dispatch_bench DATABASE_URL --messages N --channel sms|email
//                       (--standin-url URL | --smtp-port P | --fake)
//                       [--in-flight 512] [--workers 8] [--batch 1000] [--pool 4]
//                       [--connections IN_FLIGHT] [--smtp-threads 8]
//                       [--settle-batch 256] [--settle-delay-ms 5]
//
// DATABASE_URL names an empty database. Phases (a ManualClock is the store's time throughout):
//  1. seed:  the workflow "bench" (one step: the "reminder-friendly" template on the channel) and
//            N customers with one invoice each, through the Store;
//  2. fire:  the engine fires the start timers, then the step timers: N outbox rows (timed);
//  3. send:  Dispatcher::DispatchDue in a loop until no row is left (timed): the channel is
//            TwilioChannel over CurlHttpClient to the stand-in (sms), SmtpSender in a
//            ThreadedChannel to the SMTP server (email), or FakeChannel (--fake: no network, to
//            see what the store and the composer cost alone). Rate limits are off.
// The outbox and the composer are wrapped in bench/dispatch_bench_timing.h, so the table shows
// where the time goes: calls, wall and CPU time per call of leasing, composing and marking sent,
// and the process's CPU time per message. Prints a table and, last, one JSON line (for the script).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <sys/resource.h>

#include "bench/dispatch_bench_seed.h"
#include "bench/dispatch_bench_timing.h"
#include "channels/compose/store_composer.h"
#include "channels/compose/template_library.h"
#include "channels/dispatch/dispatcher.h"
#include "channels/http/curl_http_client.h"
#include "channels/smtp/smtp_sender.h"
#include "channels/testing/fake_channel.h"
#include "channels/threaded_channel.h"
#include "channels/twilio/twilio_channel.h"
#include "daemon/store/soci_store.h"
#include "workflows/clock.h"
#include "workflows/engine/engine.h"

namespace {

using duly::Instant;
using Seconds = std::chrono::duration<double>;

struct Options {
  std::string database;
  std::int64_t messages = 20'000;
  std::string channel = "sms";
  std::string standin_url;
  int smtp_port = 0;
  bool fake = false;
  int in_flight = 512;
  int workers = 8;
  int batch = 1000;
  int pool = 4;
  int connections = 0;  // 0: in_flight
  int smtp_threads = 8;
  int settle_batch = 256;  // 1: one transaction per message, as before batching
  int settle_delay_ms = 5;
};

[[noreturn]] void Die(const std::string& what, const duly::Error& error) {
  std::fprintf(stderr, "duly_dispatch_bench: %s: %s\n", what.c_str(), error.message.c_str());
  std::exit(1);
}

void Check(const std::string& what, const duly::Status& status) {
  if (!status) Die(what, status.error());
}

[[noreturn]] void Usage(const char* program) {
  std::fprintf(
      stderr,
      "usage: %s DATABASE_URL --messages N --channel sms|email "
      "(--standin-url URL | --smtp-port P | --fake) [--in-flight 512] [--workers 8] "
      "[--batch 1000] [--pool 4] [--connections N] [--smtp-threads 8] [--settle-batch 256] "
      "[--settle-delay-ms 5]\n",
      program);
  std::exit(2);
}

Options ParseOptions(int argc, char** argv) {
  if (argc < 2) Usage(argv[0]);
  Options options;
  options.database = argv[1];
  for (int i = 2; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--fake") {
      options.fake = true;
      continue;
    }
    if (i + 1 >= argc) Usage(argv[0]);
    const std::string value = argv[++i];
    const auto number = [&] { return static_cast<int>(std::strtol(value.c_str(), nullptr, 10)); };
    if (flag == "--messages")
      options.messages = std::strtoll(value.c_str(), nullptr, 10);
    else if (flag == "--channel")
      options.channel = value;
    else if (flag == "--standin-url")
      options.standin_url = value;
    else if (flag == "--smtp-port")
      options.smtp_port = number();
    else if (flag == "--in-flight")
      options.in_flight = number();
    else if (flag == "--workers")
      options.workers = number();
    else if (flag == "--batch")
      options.batch = number();
    else if (flag == "--pool")
      options.pool = number();
    else if (flag == "--connections")
      options.connections = number();
    else if (flag == "--smtp-threads")
      options.smtp_threads = number();
    else if (flag == "--settle-batch")
      options.settle_batch = number();
    else if (flag == "--settle-delay-ms")
      options.settle_delay_ms = number();
    else
      Usage(argv[0]);
  }
  const bool peer = options.fake || (options.channel == "sms" && !options.standin_url.empty()) ||
                    (options.channel == "email" && options.smtp_port > 0);
  if (options.messages <= 0 || !peer) Usage(argv[0]);
  if (options.connections <= 0) options.connections = options.in_flight;
  return options;
}

// The channel the bench sends through, and what it needs kept alive.
struct BenchChannel {
  std::shared_ptr<duly::channels::http::HttpClient> http;
  std::unique_ptr<duly::channels::Channel> channel;
  std::string peer;
};

BenchChannel MakeChannel(const Options& options, const duly::Clock& clock) {
  BenchChannel made;
  if (options.fake) {
    made.channel = std::make_unique<duly::channels::FakeChannel>(options.channel);
    made.peer = "fake";
  } else if (options.channel == "sms") {
    duly::channels::http::CurlHttpClientOptions http_options;
    http_options.max_host_connections = options.connections;
    made.http = std::make_shared<duly::channels::http::CurlHttpClient>(http_options);
    duly::channels::twilio::TwilioConfig config;
    config.base_url = options.standin_url;
    config.auth_token = "bench-token";
    config.sender.account_sid = "AC" + std::string(32, '0');
    config.sender.sms_from = "+3225550100";
    made.channel =
        std::make_unique<duly::channels::twilio::TwilioChannel>("sms", config, made.http);
    made.peer = "twilio stand-in";
  } else {
    duly::smtp::SmtpSettings settings;
    settings.port = static_cast<std::uint16_t>(options.smtp_port);
    settings.security = duly::smtp::SmtpSecurity::kNone;
    settings.sender.from_name = "Bench BV";
    settings.sender.from_address = "facturen@bench.example";
    settings.sender.message_id_domain = "mail.bench.example";
    made.channel = std::make_unique<duly::channels::ThreadedChannel>(
        std::make_unique<duly::smtp::SmtpSender>(settings, clock), options.smtp_threads);
    made.peer = "smtp server";
  }
  return made;
}

duly::channels::CompanyProfile BenchCompany() {
  duly::channels::CompanyProfile company;
  company.name = "Bench BV";
  company.email = "facturen@bench.example";
  company.phone = "+32 2 555 01 00";
  company.iban = "BE68 5390 0754 7034";
  company.address_lines = {"Kerkstraat 1", "1000 Brussel"};
  company.collector_name = "Sam";
  return company;
}

double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double PeakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

double Micros(std::chrono::nanoseconds total, std::int64_t calls) {
  return calls > 0 ? static_cast<double>(total.count()) / 1e3 / static_cast<double>(calls) : 0;
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = ParseOptions(argc, argv);
  duly::Result<duly::daemon::DatabaseUrl> url = duly::daemon::DatabaseUrl::Parse(options.database);
  if (!url) Die("database URL", url.error());
  const duly::CalendarDate due = duly::ParseCalendarDate("2030-06-03").value();
  duly::ManualClock clock(Instant{due - date::days(2)});
  duly::daemon::StoreOptions store_options;
  store_options.pool_size = options.pool;
  duly::Result<std::unique_ptr<duly::daemon::SociStore>> opened =
      duly::daemon::OpenStore(*url, clock, store_options);
  if (!opened) Die("open", opened.error());
  duly::daemon::SociStore& store = **opened;
  duly::Store& books = store;
  duly::CatalogStore& catalog = store;
  duly::TimerStore& timers = store;
  duly::OutboxStore& outbox = store;
  duly::TaskStore& tasks = store;
  duly::TemplateStore& stored_templates = store;
  const char* backend = url->kind == duly::daemon::DatabaseKind::kSqlite ? "sqlite" : "postgresql";

  // 1. seed; 2. fire the engine.
  auto seed_start = std::chrono::steady_clock::now();
  Check("catalog", duly::bench::SaveDispatchCatalog(catalog, options.channel));
  Check("invoices", duly::bench::CreateDispatchInvoices(books, "D", options.messages, due));
  const double seed_seconds = Seconds(std::chrono::steady_clock::now() - seed_start).count();
  duly::Engine engine(timers, catalog, clock, duly::EngineOptions{});
  auto fire_start = std::chrono::steady_clock::now();
  clock.Set(Instant{due - date::days(1)});
  duly::Result<duly::FireReport> starts = engine.RunDue();
  if (!starts) Die("start timers", starts.error());
  // Midday the day after: inside every channel's quiet-hours window (sms waits for 08:00 local).
  clock.Set(Instant{due + date::days(1)} + std::chrono::hours(12));
  duly::Result<duly::FireReport> steps = engine.RunDue();
  if (!steps) Die("step timers", steps.error());
  const double fire_seconds = Seconds(std::chrono::steady_clock::now() - fire_start).count();
  std::printf(
      "%s, %s via %s: %lld customers seeded in %.1f s; engine fired %lld + %lld timers "
      "(%lld steps) in %.1f s\n",
      backend, options.channel.c_str(), options.fake ? "fake" : "real peer",
      static_cast<long long>(options.messages), seed_seconds, static_cast<long long>(starts->fired),
      static_cast<long long>(steps->fired), static_cast<long long>(steps->new_runs), fire_seconds);
  const double rss_before = PeakRssMiB();

  // 3. send.
  BenchChannel channel = MakeChannel(options, clock);
  duly::channels::TemplateLibrary library(stored_templates);
  duly::channels::StoreComposer composer(books, library, BenchCompany(), clock);
  duly::bench::CallClock calls;
  duly::bench::TimedOutbox timed_outbox(outbox, calls);
  duly::bench::TimedComposer timed_composer(composer, calls);
  duly::channels::DispatchOptions dispatch_options;
  dispatch_options.owner = "bench";
  dispatch_options.batch_size = options.batch;
  dispatch_options.max_in_flight = options.in_flight;
  dispatch_options.workers = options.workers;
  dispatch_options.settle_batch = options.settle_batch;
  dispatch_options.settle_delay = std::chrono::milliseconds(options.settle_delay_ms);
  duly::channels::Dispatcher dispatcher(timed_outbox, timed_composer, tasks,
                                        {{options.channel, channel.channel.get()}}, clock,
                                        dispatch_options);
  duly::channels::DispatchReport total;
  std::int64_t rounds = 0;
  const double cpu_start = CpuSeconds();
  auto send_start = std::chrono::steady_clock::now();
  for (;;) {
    duly::Result<duly::channels::DispatchReport> round = dispatcher.DispatchDue();
    if (!round) Die("DispatchDue", round.error());
    ++rounds;
    total.leased += round->leased;
    total.sent += round->sent;
    total.failed += round->failed;
    total.fell_back += round->fell_back;
    total.unknown += round->unknown;
    total.canceled += round->canceled;
    total.retried += round->retried;
    total.lease_lost += round->lease_lost;
    total.store_errors += round->store_errors;
    total.most_in_flight = std::max(total.most_in_flight, round->most_in_flight);
    total.send_latency_us.insert(total.send_latency_us.end(), round->send_latency_us.begin(),
                                 round->send_latency_us.end());
    if (round->leased > 0) continue;
    // Nothing due now: rows retried later wait on the store's clock; move it on to them.
    duly::Result<std::optional<Instant>> next = dispatcher.NextDue();
    if (!next) Die("NextDue", next.error());
    if (!next->has_value() || **next <= clock.Now()) break;
    clock.Set(**next);
  }
  const double send_seconds = Seconds(std::chrono::steady_clock::now() - send_start).count();
  const double cpu_seconds = CpuSeconds() - cpu_start;
  const double rate = send_seconds > 0 ? static_cast<double>(total.sent) / send_seconds : 0;
  const double cpu_us_per_message =
      total.sent > 0 ? cpu_seconds * 1e6 / static_cast<double>(total.sent) : 0;
  const auto p50 = total.Latency(0.50).count();
  const auto p99 = total.Latency(0.99).count();
  const double rss = PeakRssMiB();

  std::printf(
      "sent %lld of %lld rows in %.2f s (%lld rounds): %.0f messages/s; failed %lld, "
      "retried %lld, unknown %lld, canceled %lld, lease lost %lld, store errors %lld\n",
      static_cast<long long>(total.sent), static_cast<long long>(steps->new_runs), send_seconds,
      static_cast<long long>(rounds), rate, static_cast<long long>(total.failed),
      static_cast<long long>(total.retried), static_cast<long long>(total.unknown),
      static_cast<long long>(total.canceled), static_cast<long long>(total.lease_lost),
      static_cast<long long>(total.store_errors));
  std::printf(
      "send latency p50 %lld us, p99 %lld us; most in flight %lld; process CPU %.2f s "
      "(%.0f us per message); peak RSS %.1f MiB (%.1f MiB before sending)\n",
      static_cast<long long>(p50), static_cast<long long>(p99),
      static_cast<long long>(total.most_in_flight), cpu_seconds, cpu_us_per_message, rss,
      rss_before);
  std::printf("%-28s %8s %10s %12s %12s %8s\n", "where the time goes", "calls", "wall s",
              "wall us/call", "cpu us/call", "cpu %");
  nlohmann::json breakdown = nlohmann::json::object();
  for (const auto& [name, tally] : calls.Snapshot()) {
    const double wall_s = static_cast<double>(tally.wall.count()) / 1e9;
    const double cpu_s = static_cast<double>(tally.cpu.count()) / 1e9;
    std::printf("%-28s %8lld %10.2f %12.0f %12.0f %7.0f%%\n", name.c_str(),
                static_cast<long long>(tally.calls), wall_s, Micros(tally.wall, tally.calls),
                Micros(tally.cpu, tally.calls), cpu_seconds > 0 ? 100 * cpu_s / cpu_seconds : 0);
    breakdown[name] = {{"calls", tally.calls},
                       {"wall_us_per_call", Micros(tally.wall, tally.calls)},
                       {"cpu_us_per_call", Micros(tally.cpu, tally.calls)}};
  }
  nlohmann::json figures = {
      {"backend", backend},
      {"channel", options.channel},
      {"peer", channel.peer},
      {"messages", options.messages},
      {"rows", steps->new_runs},
      {"sent", total.sent},
      {"failed", total.failed},
      {"retried", total.retried},
      {"unknown", total.unknown},
      {"in_flight", options.in_flight},
      {"workers", options.workers},
      {"settle_batch", options.settle_batch},
      {"rounds", rounds},
      {"fire_seconds", fire_seconds},
      {"send_seconds", send_seconds},
      {"messages_per_second", rate},
      {"latency_p50_us", p50},
      {"latency_p99_us", p99},
      {"most_in_flight", total.most_in_flight},
      {"cpu_us_per_message", cpu_us_per_message},
      {"peak_rss_mib", rss},
      {"rss_before_send_mib", rss_before},
      {"calls", breakdown},
  };
  std::printf("%s\n", figures.dump().c_str());
  const bool complete = total.sent == steps->new_runs && steps->new_runs == options.messages;
  if (!complete) std::fprintf(stderr, "duly_dispatch_bench: not every message was sent\n");
  return complete ? 0 : 1;
}
