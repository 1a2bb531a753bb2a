// duly::daemon::EngineScheduler: runs the collection engine on the Asio event loop.
//
// Promise: after Start(), one coroutine on `loop` repeats: Engine::RunDue() and Engine::NextDue()
// on the blocking `pool` (never on the loop's thread), then sleeps on a steady_timer until the
// next due timer (measured with the engine's Clock, rounded up so it never wakes early), capped
// at options.poll so timers written by other nodes on a shared PostgreSQL are seen; with
// options.wait_for_wake (a ManualClock) it sleeps until Wake(). No busy polling: it wakes once
// per due moment. Wake() ends the sleep early (an invoice or workflow was saved, the test clock
// moved); a Wake during a round makes the loop run again at once. A failed round is logged with
// its cause and counted, and the loop backs off (options.first_backoff doubling to
// options.max_backoff; Wake does not shorten a back-off) and keeps running. Stop() ends the loop
// after the round in hand. CatchUp() runs the engine on the calling thread until nothing is due,
// serialised with the loop (one Engine is used by one thread at a time).
// Thread-safety: Wake, Stop and CatchUp are safe from any thread; Start once. Ownership: `loop`,
// `pool`, `engine`, `clock` and `metrics` must outlive the scheduler, and the loop must have
// finished the coroutine (finished() is true, or the loop was stopped) before it is destroyed.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>

#include "daemon/http/net.h"
#include "daemon/scheduler/loop_sleep.h"
#include "daemon/scheduler/scheduler_metrics.h"
#include "workflows/clock.h"
#include "workflows/engine/engine.h"
#include "workflows/status.h"

namespace duly::daemon {

struct SchedulerOptions {
  std::chrono::milliseconds poll{5000};           // longest sleep on the system clock
  std::chrono::milliseconds first_backoff{1000};  // after a failed round
  std::chrono::milliseconds max_backoff{30'000};  // back-off doubles up to this
  std::chrono::milliseconds contended{250};  // something is due but nothing fired (another node)
  bool wait_for_wake = false;  // a ManualClock: sleep until Wake() instead of until a due time
  // Called on the loop's thread after each successful round (metrics, tests).
  std::function<void(const FireReport&)> after_round;
};

class EngineScheduler {
 public:
  EngineScheduler(net::io_context& loop, net::thread_pool& pool, Engine& engine, const Clock& clock,
                  SchedulerMetrics& metrics, SchedulerOptions options = {});
  EngineScheduler(const EngineScheduler&) = delete;
  EngineScheduler& operator=(const EngineScheduler&) = delete;

  // Spawns the loop coroutine on `loop` (it runs when `loop` runs). REQUIRES: called once.
  void Start();
  // Ends the current sleep early; safe from any thread, at any time (a no-op after Stop).
  void Wake();
  // Asks the loop to end after the round in hand; safe from any thread. Idempotent.
  void Stop();
  // True once the loop coroutine has returned.
  bool finished() const { return finished_.load(); }

  // Runs the engine until no timer is due at the clock's now, on the calling thread (which must
  // not be the loop's thread: it blocks), and wakes the loop so it re-reads the next due time.
  // `first` (may be empty) runs before that while the engine is held, so a test clock moved in
  // it is seen by this call before any round of the loop: the totals count every timer that
  // became due by the move. Returns the totals of every RunDue. Errors: as Engine::RunDue.
  Result<FireReport> CatchUp(const std::function<void()>& first = nullptr);

 private:
  struct Round {
    FireReport report;
    std::optional<Instant> next_due;
  };
  net::awaitable<void> Loop();
  Result<Round> RunRound();

  net::io_context& loop_;
  net::thread_pool& pool_;
  Engine& engine_;
  const Clock& clock_;
  SchedulerMetrics& metrics_;
  SchedulerOptions options_;
  LoopSleep sleep_;  // the loop's sleep, ended by Wake() and Stop()
  std::atomic<bool> finished_{false};
  std::mutex engine_mutex_;  // guards every use of engine_
};

}  // namespace duly::daemon
