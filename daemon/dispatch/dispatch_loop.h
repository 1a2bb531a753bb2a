// duly::daemon::DispatchLoop: runs the outbox dispatcher on the Asio event loop.
//
// Promise: after Start(), one coroutine on `loop` repeats: Dispatcher::DispatchDue() and
// Dispatcher::NextDue() on the blocking `pool` (never on the loop's thread; DispatchDue returns
// once every send it started was answered and recorded), then sleeps on a steady_timer until the
// next due message (measured with `clock`, rounded up so it never wakes early), capped at
// options.poll so rows queued by other nodes on a shared PostgreSQL are seen; with
// options.wait_for_wake (a ManualClock) it sleeps until Wake(). A round that leased rows while
// more are already due (a full batch, a fallback due at once) is followed by another at once.
// Wake() ends the sleep early (the engine queued messages); a Wake during a round makes the loop
// run again at once. A failed round (leasing failed) is logged with its cause and counted, and
// the loop backs off (options.first_backoff doubling to options.max_backoff; Wake does not
// shorten a back-off) and keeps running. Stop() ends the loop after the round in hand, so sends
// in flight finish and are recorded before finished() turns true.
// Thread-safety: Wake and Stop are safe from any thread; Start once. Ownership: `loop`, `pool`,
// `dispatcher`, `clock` and `metrics` must outlive the loop, and the loop must have finished
// the coroutine (finished() is true, or the io_context was stopped) before it is destroyed.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>

#include "channels/dispatch/dispatch_metrics.h"
#include "channels/dispatch/dispatcher.h"
#include "daemon/http/net.h"
#include "daemon/scheduler/loop_sleep.h"
#include "workflows/clock.h"
#include "workflows/status.h"

namespace duly::daemon {

struct DispatchLoopOptions {
  std::chrono::milliseconds poll{5000};           // longest sleep on the system clock
  std::chrono::milliseconds first_backoff{1000};  // after a failed round
  std::chrono::milliseconds max_backoff{30'000};  // back-off doubles up to this
  std::chrono::milliseconds contended{250};  // something is due but nothing leased (another node)
  bool wait_for_wake = false;  // a ManualClock: sleep until Wake() instead of until a due time
  // Called on the loop's thread after each successful round (metrics, tests).
  std::function<void(const channels::DispatchReport&)> after_round;
};

class DispatchLoop {
 public:
  DispatchLoop(net::io_context& loop, net::thread_pool& pool, channels::Dispatcher& dispatcher,
               const Clock& clock, channels::DispatchMetrics& metrics,
               DispatchLoopOptions options = {});
  DispatchLoop(const DispatchLoop&) = delete;
  DispatchLoop& operator=(const DispatchLoop&) = delete;

  // Spawns the loop coroutine on `loop` (it runs when `loop` runs). REQUIRES: called once.
  void Start();
  // Ends the current sleep early; safe from any thread, at any time (a no-op after Stop).
  void Wake();
  // Asks the loop to end after the round in hand; safe from any thread. Idempotent.
  void Stop();
  // True once the loop coroutine has returned (every send it started is recorded).
  bool finished() const { return finished_.load(); }

 private:
  struct Round {
    channels::DispatchReport report;
    std::optional<Instant> next_due;
  };
  net::awaitable<void> Loop();
  Result<Round> RunRound();

  net::io_context& loop_;
  net::thread_pool& pool_;
  channels::Dispatcher& dispatcher_;
  const Clock& clock_;
  channels::DispatchMetrics& metrics_;
  DispatchLoopOptions options_;
  LoopSleep sleep_;  // the loop's sleep, ended by Wake() and Stop()
  std::atomic<bool> finished_{false};
};

}  // namespace duly::daemon
