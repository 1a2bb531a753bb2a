// duly::channels::ManualSendTimer: a SendTimer the test drives over a ManualClock, so rate
// limits are tested without sleeping.
//
// Promise: RunAt only records the task (never runs it inline); FireNext() moves the clock to the
// earliest pending task's instant (never backwards) and runs every task due by then, on the
// calling thread, outside the lock. WaitForPending blocks, bounded, until at least `count` tasks
// are pending.
// Thread-safety: every method is safe from any thread (mutex_).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <utility>

#include "channels/dispatch/send_timer.h"
#include "workflows/clock.h"

namespace duly::channels {

class ManualSendTimer final : public SendTimer {
 public:
  explicit ManualSendTimer(ManualClock& clock) : clock_(clock) {}

  Instant Now() const override { return clock_.Now(); }
  void RunAt(Instant at, std::function<void()> task) override;

  // Returns how many tasks ran; zero when none was pending.
  int FireNext();
  bool WaitForPending(std::size_t count, std::chrono::milliseconds bound);
  std::size_t pending() const;
  std::optional<Instant> next() const;

 private:
  ManualClock& clock_;
  mutable std::mutex mutex_;  // guards the members below
  std::condition_variable changed_;
  std::map<std::pair<Instant, std::uint64_t>, std::function<void()>> tasks_;
  std::uint64_t sequence_ = 0;
};

}  // namespace duly::channels
