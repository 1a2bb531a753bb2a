// duly::channels::ThreadSendTimer: a SendTimer on one thread of its own, for a Clock that moves
// by itself (SystemClock).
//
// Promise: one thread sleeps on a condition variable until the earliest pending task is due
// (measured with `clock`, re-read after every wake-up, so it never runs a task early) and runs
// due tasks in order of their instant. The destructor stops the thread; pending tasks are
// dropped. With a ManualClock it waits, in real time, for the clock to be moved: use a timer the
// test drives instead (channels/dispatch/testdata/manual_send_timer.h).
// Thread-safety: RunAt and Now are safe from any thread; tasks run on the timer's thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

#include "channels/dispatch/send_timer.h"
#include "workflows/clock.h"

namespace duly::channels {

class ThreadSendTimer final : public SendTimer {
 public:
  explicit ThreadSendTimer(const Clock& clock);
  ~ThreadSendTimer() override;
  ThreadSendTimer(const ThreadSendTimer&) = delete;
  ThreadSendTimer& operator=(const ThreadSendTimer&) = delete;

  Instant Now() const override { return clock_.Now(); }
  void RunAt(Instant at, std::function<void()> task) override;

 private:
  void Run();

  const Clock& clock_;
  std::mutex mutex_;  // guards the members below
  std::condition_variable changed_;
  // Pending tasks by (instant, sequence): equal instants run in the order they were asked for.
  std::map<std::pair<Instant, std::uint64_t>, std::function<void()>> tasks_;
  std::uint64_t sequence_ = 0;
  bool stopping_ = false;
  std::thread thread_;  // last: starts after everything it uses exists
};

}  // namespace duly::channels
