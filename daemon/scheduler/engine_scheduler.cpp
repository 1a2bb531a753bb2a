#include "daemon/scheduler/engine_scheduler.h"

#include <algorithm>
#include <exception>
#include <utility>

#include <spdlog/spdlog.h>

#include "daemon/http/run_blocking.h"

namespace duly::daemon {
namespace {

void Add(FireReport& total, const FireReport& more) {
  total.fired += more.fired;
  total.new_runs += more.new_runs;
  total.effects += more.effects;
  total.events += more.events;
  total.lateness_ms.insert(total.lateness_ms.end(), more.lateness_ms.begin(),
                           more.lateness_ms.end());
}

}  // namespace

EngineScheduler::EngineScheduler(net::io_context& loop, net::thread_pool& pool, Engine& engine,
                                 const Clock& clock, SchedulerMetrics& metrics,
                                 SchedulerOptions options)
    : loop_(loop),
      pool_(pool),
      engine_(engine),
      clock_(clock),
      metrics_(metrics),
      options_(std::move(options)),
      sleep_(loop, "engine scheduler") {}

void EngineScheduler::Start() {
  net::co_spawn(loop_, Loop(), [this](std::exception_ptr error) {
    if (error) {
      try {
        std::rethrow_exception(error);
      } catch (const std::exception& e) {
        spdlog::critical("engine scheduler: the loop failed: {}", e.what());
      } catch (...) {
        spdlog::critical("engine scheduler: the loop failed with an unknown exception");
      }
    }
    finished_ = true;
  });
}

void EngineScheduler::Wake() { sleep_.Wake(); }

void EngineScheduler::Stop() { sleep_.Stop(); }

Result<EngineScheduler::Round> EngineScheduler::RunRound() {
  std::lock_guard lock(engine_mutex_);
  Result<FireReport> report = engine_.RunDue();
  if (!report) return std::move(report).error().WithContext("running due timers");
  Result<std::optional<Instant>> next = engine_.NextDue();
  if (!next) return std::move(next).error().WithContext("reading the next due timer");
  return Round{std::move(*report), *next};
}

Result<FireReport> EngineScheduler::CatchUp(const std::function<void()>& first) {
  FireReport total;
  {
    std::lock_guard lock(engine_mutex_);
    if (first) first();
    // RunDue fires everything due now, batch after batch; a decision may write a timer that is
    // already due (a step at the same instant), so look again until nothing is due.
    for (;;) {
      Result<FireReport> report = engine_.RunDue();
      if (!report) return std::move(report).error().WithContext("running due timers");
      metrics_.Observe(*report);
      Add(total, *report);
      Result<std::optional<Instant>> next = engine_.NextDue();
      if (!next) return std::move(next).error().WithContext("reading the next due timer");
      if (report->fired == 0 || !next->has_value() || **next > clock_.Now()) break;
    }
  }
  Wake();
  return total;
}

net::awaitable<void> EngineScheduler::Loop() {
  spdlog::info("engine scheduler started ({})",
               options_.wait_for_wake ? "test clock: runs when the clock moves" : "system clock");
  std::chrono::milliseconds backoff = options_.first_backoff;
  while (!sleep_.stopping()) {
    sleep_.BeginRound();
    Result<Round> round = Unavailable("the round did not run");
    try {
      round = co_await RunBlocking(pool_, [this] { return RunRound(); });
    } catch (const std::exception& e) {
      round = InternalError(std::string("the engine threw: ") + e.what());
    }
    if (sleep_.stopping()) break;
    if (!round) {
      metrics_.CountError();
      spdlog::error("engine scheduler: {} (retrying in {} ms)", round.error().message,
                    backoff.count());
      co_await sleep_.Sleep(backoff, /*wakeable=*/false);
      backoff = std::min(backoff * 2, options_.max_backoff);
      continue;
    }
    backoff = options_.first_backoff;
    metrics_.Observe(round->report);
    if (options_.after_round) options_.after_round(round->report);

    if (options_.wait_for_wake) {
      // A ManualClock only moves when told, and whoever moves it wakes the loop.
      if (round->next_due && *round->next_due <= clock_.Now() && round->report.fired > 0) {
        continue;  // a decision wrote a timer that is already due
      }
      co_await sleep_.Sleep(std::nullopt, /*wakeable=*/true);
      continue;
    }
    std::chrono::milliseconds delay = options_.poll;
    if (round->next_due) {
      const auto until = *round->next_due - clock_.Now();
      if (until <= std::chrono::milliseconds::zero()) {
        if (round->report.fired > 0) continue;  // more became due while this round ran
        delay = options_.contended;             // due, yet nothing fired: another node holds it
      } else {
        // Round up by a millisecond: the steady clock and the system clock may disagree on
        // sub-millisecond edges, and a timer must never be fired early.
        delay = std::min(options_.poll, until + std::chrono::milliseconds(1));
      }
    }
    co_await sleep_.Sleep(delay, /*wakeable=*/true);
  }
  spdlog::info("engine scheduler stopped");
}

}  // namespace duly::daemon
