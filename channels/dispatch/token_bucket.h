// duly::channels::TokenBucket: how fast one sender may send (messages per second, with a burst).
//
// Promise: the bucket starts full with `burst` tokens and refills at `per_second` tokens a
// second up to `burst`. TryTake(now) takes one token when there is one and returns nullopt;
// otherwise it takes nothing and returns the first instant (rounded up to the millisecond) at
// which a token will be there. A bucket with per_second <= 0 is unlimited: every TryTake
// succeeds. Time that goes backwards (a test clock set back) refills nothing.
// Thread-safety: none; the owner serialises calls (SendGate holds its mutex).
#pragma once

#include <optional>

#include "workflows/calendar_date.h"

namespace duly::channels {

class TokenBucket {
 public:
  // burst < 1 is taken as 1.
  TokenBucket(double per_second, int burst);

  std::optional<Instant> TryTake(Instant now);
  bool unlimited() const { return per_second_ <= 0; }

 private:
  void Refill(Instant now);

  double per_second_;
  double burst_;
  double tokens_;
  std::optional<Instant> last_;  // when tokens_ was last brought up to date
};

}  // namespace duly::channels
