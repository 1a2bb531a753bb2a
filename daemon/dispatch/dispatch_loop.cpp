#include "daemon/dispatch/dispatch_loop.h"

#include <algorithm>
#include <exception>
#include <string>
#include <utility>

#include <spdlog/spdlog.h>

#include "daemon/http/run_blocking.h"

namespace duly::daemon {

DispatchLoop::DispatchLoop(net::io_context& loop, net::thread_pool& pool,
                           channels::Dispatcher& dispatcher, const Clock& clock,
                           channels::DispatchMetrics& metrics, DispatchLoopOptions options)
    : loop_(loop),
      pool_(pool),
      dispatcher_(dispatcher),
      clock_(clock),
      metrics_(metrics),
      options_(std::move(options)),
      sleep_(loop, "outbox dispatcher") {}

void DispatchLoop::Start() {
  net::co_spawn(loop_, Loop(), [this](std::exception_ptr error) {
    if (error) {
      try {
        std::rethrow_exception(error);
      } catch (const std::exception& e) {
        spdlog::critical("outbox dispatcher: the loop failed: {}", e.what());
      } catch (...) {
        spdlog::critical("outbox dispatcher: the loop failed with an unknown exception");
      }
    }
    finished_ = true;
  });
}

void DispatchLoop::Wake() { sleep_.Wake(); }

void DispatchLoop::Stop() { sleep_.Stop(); }

Result<DispatchLoop::Round> DispatchLoop::RunRound() {
  Result<channels::DispatchReport> report = dispatcher_.DispatchDue();
  if (!report) return std::move(report).error();
  Result<std::optional<Instant>> next = dispatcher_.NextDue();
  if (!next) return std::move(next).error().WithContext("reading the next due message");
  return Round{std::move(*report), *next};
}

net::awaitable<void> DispatchLoop::Loop() {
  spdlog::info("outbox dispatcher started ({})",
               options_.wait_for_wake ? "test clock: runs when woken" : "system clock");
  std::chrono::milliseconds backoff = options_.first_backoff;
  while (!sleep_.stopping()) {
    sleep_.BeginRound();
    Result<Round> round = Unavailable("the round did not run");
    try {
      round = co_await RunBlocking(pool_, [this] { return RunRound(); });
    } catch (const std::exception& e) {
      round = InternalError(std::string("the dispatcher threw: ") + e.what());
    }
    if (!round) {
      metrics_.CountError();
      if (sleep_.stopping()) break;
      spdlog::error("outbox dispatcher: {} (retrying in {} ms)", round.error().message,
                    backoff.count());
      co_await sleep_.Sleep(backoff, /*wakeable=*/false);
      backoff = std::min(backoff * 2, options_.max_backoff);
      continue;
    }
    backoff = options_.first_backoff;
    metrics_.Observe(round->report);
    if (options_.after_round) options_.after_round(round->report);
    if (sleep_.stopping()) break;

    const bool leased = round->report.leased > 0;
    if (options_.wait_for_wake) {
      // A ManualClock only moves when told, and whoever moves it wakes the loop.
      if (leased && round->next_due && *round->next_due <= clock_.Now()) continue;
      co_await sleep_.Sleep(std::nullopt, /*wakeable=*/true);
      continue;
    }
    std::chrono::milliseconds delay = options_.poll;
    if (round->next_due) {
      const auto until = *round->next_due - clock_.Now();
      if (until <= std::chrono::milliseconds::zero()) {
        if (leased) continue;        // more became due while this round ran
        delay = options_.contended;  // due, yet nothing leased: another node holds it
      } else {
        // Round up by a millisecond: the steady clock and the system clock may disagree on
        // sub-millisecond edges, and a message must never be sent early.
        delay = std::min(options_.poll, until + std::chrono::milliseconds(1));
      }
    }
    co_await sleep_.Sleep(delay, /*wakeable=*/true);
  }
  spdlog::info("outbox dispatcher stopped");
}

}  // namespace duly::daemon
