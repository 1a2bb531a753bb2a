// duly::Clock: where every piece of duly reads the time.
//
// Promise: nothing in duly calls std::chrono::system_clock::now() except SystemClock. Tests and
// `duly simulate` use ManualClock, which only moves when told. Both are safe to call from any
// thread; ManualClock's Set/Advance are atomic with respect to Now.
#pragma once

#include <atomic>
#include <chrono>

#include "workflows/calendar_date.h"

namespace duly {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant Now() const override;
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(Instant start) : now_ms_(ToEpochMillis(start)) {}
  Instant Now() const override { return FromEpochMillis(now_ms_.load()); }
  void Set(Instant at) { now_ms_.store(ToEpochMillis(at)); }
  void Advance(std::chrono::milliseconds by) { now_ms_.fetch_add(by.count()); }

 private:
  std::atomic<std::int64_t> now_ms_;
};

}  // namespace duly
