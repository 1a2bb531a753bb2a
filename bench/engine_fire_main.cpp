// duly_engine_bench: how fast the collection engine fires timers and executes steps with a
// million timers pending, how late it fires against the real clock, and its peak RSS. Not a test;
// bench/engine_bench.sh runs it (on SQLite and PostgreSQL) beside graphile-worker.
//
//   duly_engine_bench DATABASE_URL [--pending 1000000] [--due 50000] [--late 5000]
//                     [--spread-ms 5000] [--batch 1000]
//
// DATABASE_URL names an empty database. Phases, each on the same store and Engine:
//  1. empty:   `due` invoices get their start timers fired (instances created, the step's timer
//              set) and then their step timers (one e-mail reminder each: a step run, an outbox
//              row, a "step.ran" event), on a ManualClock; nothing else is pending.
//  2. pending: `pending` future step timers are written in bulk, then phase 1 again on `due` new
//              invoices: the rate with a million timers waiting.
//  3. lateness: `late` step timers due over the next `spread-ms` on the real clock; a loop like
//              the scheduler's sleeps until Engine::NextDue() and calls RunDue(); lateness is
//              FireReport::lateness_ms (fire time minus due time; negative would be early).
// Prints a table and, last, one JSON line with every figure (for the script).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>
#include <sys/resource.h>

#include "bench/engine_bench_seed.h"
#include "workflows/clock.h"
#include "workflows/engine/engine.h"

namespace {

using duly::Instant;
using Seconds = std::chrono::duration<double>;

// A ManualClock until Follow() switches it to the system clock.
class BenchClock final : public duly::Clock {
 public:
  explicit BenchClock(Instant start) : manual_(start) {}
  Instant Now() const override { return real_.load() ? system_.Now() : manual_.Now(); }
  void Set(Instant at) { manual_.Set(at); }
  void Follow() { real_.store(true); }

 private:
  duly::ManualClock manual_;
  duly::SystemClock system_;
  std::atomic<bool> real_{false};
};

struct Options {
  std::string database;
  std::int64_t pending = 1'000'000;
  std::int64_t due = 50'000;
  std::int64_t late = 5'000;
  std::int64_t spread_ms = 5'000;
  int batch = 1000;
};

struct Rate {
  std::int64_t timers = 0;
  std::int64_t steps = 0;
  double seconds = 0;
  double TimersPerSecond() const { return seconds > 0 ? static_cast<double>(timers) / seconds : 0; }
  double StepsPerSecond() const { return seconds > 0 ? static_cast<double>(steps) / seconds : 0; }
};

[[noreturn]] void Die(const std::string& what, const duly::Error& error) {
  std::fprintf(stderr, "duly_engine_bench: %s: %s\n", what.c_str(), error.message.c_str());
  std::exit(1);
}

void Check(const std::string& what, const duly::Status& status) {
  if (!status) Die(what, status.error());
}

Options ParseOptions(int argc, char** argv) {
  Options options;
  if (argc < 2) {
    std::fprintf(stderr,
                 "usage: %s DATABASE_URL [--pending N] [--due N] [--late N] [--spread-ms MS] "
                 "[--batch N]\n",
                 argv[0]);
    std::exit(2);
  }
  options.database = argv[1];
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    std::int64_t value = std::strtoll(argv[i + 1], nullptr, 10);
    if (flag == "--pending")
      options.pending = value;
    else if (flag == "--due")
      options.due = value;
    else if (flag == "--late")
      options.late = value;
    else if (flag == "--spread-ms")
      options.spread_ms = value;
    else if (flag == "--batch")
      options.batch = static_cast<int>(value);
    else {
      std::fprintf(stderr, "duly_engine_bench: unknown flag %s\n", flag.c_str());
      std::exit(2);
    }
  }
  return options;
}

// Fires everything due at `at`; returns how long it took and what it did.
Rate FireAll(duly::Engine& engine, BenchClock& clock, Instant at) {
  clock.Set(at);
  auto start = std::chrono::steady_clock::now();
  duly::Result<duly::FireReport> report = engine.RunDue();
  if (!report) Die("RunDue", report.error());
  return {report->fired, report->new_runs,
          Seconds(std::chrono::steady_clock::now() - start).count()};
}

// Phase 1 or 2: `count` invoices created at `day` - 2, their start timers fired, then their steps.
std::pair<Rate, Rate> StartAndStep(duly::daemon::SociStore& store, duly::Engine& engine,
                                   BenchClock& clock, const std::string& prefix, std::int64_t count,
                                   duly::CalendarDate day) {
  clock.Set(Instant{day - date::days(2)});
  Check("invoices", duly::bench::CreateBenchInvoices(store, prefix, count, day));
  Rate starts = FireAll(engine, clock, Instant{day - date::days(1)});
  Rate steps = FireAll(engine, clock, Instant{day + date::days(1)});
  return {starts, steps};
}

double Percentile(std::vector<std::int64_t> values, double fraction) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  auto index = static_cast<std::size_t>(fraction * static_cast<double>(values.size() - 1) + 0.5);
  return static_cast<double>(values[std::min(index, values.size() - 1)]);
}

long PeakRssKiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

void PrintRate(const char* phase, const Rate& starts, const Rate& steps) {
  std::printf("%-22s start timers %8.0f/s   step timers %8.0f/s   steps %8.0f/s\n", phase,
              starts.TimersPerSecond(), steps.TimersPerSecond(), steps.StepsPerSecond());
}

}  // namespace

int main(int argc, char** argv) {
  Options options = ParseOptions(argc, argv);
  duly::Result<duly::daemon::DatabaseUrl> url = duly::daemon::DatabaseUrl::Parse(options.database);
  if (!url) Die("database URL", url.error());
  const duly::CalendarDate first_day = duly::ParseCalendarDate("2030-06-03").value();
  BenchClock clock(Instant{first_day - date::days(2)});
  duly::Result<std::unique_ptr<duly::daemon::SociStore>> opened =
      duly::daemon::OpenStore(*url, clock);
  if (!opened) Die("open", opened.error());
  duly::daemon::SociStore& store = **opened;
  duly::TimerStore* timers = &store;
  duly::CatalogStore* catalog = &store;
  Check("catalog", duly::bench::SaveBenchCatalog(*catalog));
  duly::EngineOptions engine_options;
  engine_options.batch_size = options.batch;
  duly::Engine engine(*timers, *catalog, clock, engine_options);

  auto [empty_starts, empty_steps] =
      StartAndStep(store, engine, clock, "E", options.due, first_day);
  PrintRate("nothing pending:", empty_starts, empty_steps);

  auto seed_start = std::chrono::steady_clock::now();
  Check("pending timers", duly::bench::InsertPendingTimers(*url, options.pending,
                                                           Instant{first_day + date::days(400)}));
  double seed_seconds = Seconds(std::chrono::steady_clock::now() - seed_start).count();
  duly::Result<std::int64_t> pending = timers->PendingTimers();
  if (!pending) Die("pending", pending.error());
  std::printf("%lld pending timers written in %.1f s\n", static_cast<long long>(*pending),
              seed_seconds);
  auto [full_starts, full_steps] =
      StartAndStep(store, engine, clock, "P", options.due, first_day + date::days(7));
  PrintRate("with pending timers:", full_starts, full_steps);

  // Lateness on the real clock: step timers spread over the next spread_ms, fired by a loop that
  // sleeps until the next due time like the scheduler does.
  clock.Follow();
  duly::CalendarDate far_day = duly::LocalDay(clock.Now(), "UTC") + date::days(300);
  Check("late invoices", duly::bench::CreateBenchInvoices(store, "L", options.late, far_day));
  duly::Result<duly::FireReport> started = engine.RunDue();
  if (!started) Die("late starts", started.error());
  Instant from = clock.Now() + std::chrono::milliseconds(1500);
  Check("spread", duly::bench::SpreadStepTimers(*url, "L", options.late, from,
                                                std::chrono::milliseconds(options.spread_ms)));
  std::vector<std::int64_t> lateness;
  while (static_cast<std::int64_t>(lateness.size()) < options.late) {
    duly::Result<std::optional<Instant>> next = engine.NextDue();
    if (!next) Die("NextDue", next.error());
    if (!next->has_value() || **next > from + std::chrono::milliseconds(options.spread_ms)) break;
    std::this_thread::sleep_until(std::chrono::system_clock::time_point(**next));
    duly::Result<duly::FireReport> report = engine.RunDue();
    if (!report) Die("RunDue", report.error());
    lateness.insert(lateness.end(), report->lateness_ms.begin(), report->lateness_ms.end());
  }
  std::int64_t earliest =
      lateness.empty() ? 0 : *std::min_element(lateness.begin(), lateness.end());
  double p50 = Percentile(lateness, 0.50);
  double p99 = Percentile(lateness, 0.99);
  double worst = Percentile(lateness, 1.0);
  std::printf("lateness over %zu timers: p50 %.0f ms, p99 %.0f ms, max %.0f ms, earliest %lld ms\n",
              lateness.size(), p50, p99, worst, static_cast<long long>(earliest));
  long rss = PeakRssKiB();
  std::printf("peak RSS %.1f MiB\n", static_cast<double>(rss) / 1024.0);

  nlohmann::json figures = {
      {"system", "duly"},
      {"backend", url->kind == duly::daemon::DatabaseKind::kSqlite ? "sqlite" : "postgresql"},
      {"pending", *pending},
      {"due", options.due},
      {"empty_start_timers_per_second", empty_starts.TimersPerSecond()},
      {"empty_step_timers_per_second", empty_steps.TimersPerSecond()},
      {"empty_steps_per_second", empty_steps.StepsPerSecond()},
      {"start_timers_per_second", full_starts.TimersPerSecond()},
      {"step_timers_per_second", full_steps.TimersPerSecond()},
      {"steps_per_second", full_steps.StepsPerSecond()},
      {"lateness_timers", lateness.size()},
      {"lateness_p50_ms", p50},
      {"lateness_p99_ms", p99},
      {"lateness_max_ms", worst},
      {"lateness_min_ms", earliest},
      {"peak_rss_mib", static_cast<double>(rss) / 1024.0},
  };
  std::printf("%s\n", figures.dump().c_str());
  bool complete = static_cast<std::int64_t>(lateness.size()) == options.late && earliest >= 0 &&
                  empty_steps.steps == options.due && full_steps.steps == options.due;
  if (!complete) std::fprintf(stderr, "duly_engine_bench: not every timer fired as expected\n");
  return complete ? 0 : 1;
}
