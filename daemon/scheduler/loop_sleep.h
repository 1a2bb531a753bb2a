// duly::daemon::LoopSleep: the sleep of a loop coroutine on an io_context (the engine scheduler's,
// the outbox dispatcher's), which Wake() and Stop() can end early.
//
// Promise: Sleep(delay, wakeable) returns once `delay` has passed (nullopt: never), once Stop()
// was called, or, when `wakeable`, once Wake() was called since the last BeginRound(). A Wake()
// that arrives while the loop is not sleeping is remembered until BeginRound(), so a round that
// raced with it is followed by another. A timer failure other than cancellation is logged with
// `who` and the sleep goes on. Thread-safety: Wake and Stop are safe from any thread (they post
// to the loop); BeginRound, stopping and Sleep run on the loop's thread only.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "daemon/http/net.h"

namespace duly::daemon {

class LoopSleep {
 public:
  // `who` names the loop in logs ("engine scheduler"). `loop` must outlive the LoopSleep.
  LoopSleep(net::io_context& loop, std::string who);

  void Wake();
  void Stop();

  void BeginRound() { wake_pending_ = false; }
  bool stopping() const { return stopping_; }
  net::awaitable<void> Sleep(std::optional<std::chrono::milliseconds> delay, bool wakeable);

 private:
  net::io_context& loop_;
  const std::string who_;
  net::steady_timer timer_;    // loop thread only
  bool wake_pending_ = false;  // loop thread only: Wake() arrived since the round began
  bool stopping_ = false;      // loop thread only
};

}  // namespace duly::daemon
