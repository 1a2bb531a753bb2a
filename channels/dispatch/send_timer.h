// duly::channels::SendTimer: the clock the dispatcher paces sends by, and a way to run a task
// later without holding a thread per waiting message.
//
// Promise: Now() is the timer's time (rate limits are measured with it); RunAt(at, task) runs
// `task` once, on a thread of the timer's choosing, as soon as Now() >= at (at once when `at`
// has passed). Tasks must not block: they only hand work on. A task still pending when the timer
// is destroyed never runs.
// Thread-safety: implementations must allow RunAt and Now from any thread at once.
#pragma once

#include <functional>

#include "workflows/calendar_date.h"

namespace duly::channels {

class SendTimer {
 public:
  virtual ~SendTimer() = default;
  virtual Instant Now() const = 0;
  virtual void RunAt(Instant at, std::function<void()> task) = 0;
};

}  // namespace duly::channels
