#include "channels/dispatch/token_bucket.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace duly::channels {
namespace {

// Floating-point refills land a hair under a whole token at the instant TryTake promised.
constexpr double kWholeToken = 1.0 - 1e-9;

}  // namespace

TokenBucket::TokenBucket(double per_second, int burst)
    : per_second_(per_second),
      burst_(static_cast<double>(std::max(burst, 1))),
      tokens_(static_cast<double>(std::max(burst, 1))) {}

void TokenBucket::Refill(Instant now) {
  if (last_ && now > *last_) {
    const double elapsed_s = std::chrono::duration<double>(now - *last_).count();
    tokens_ = std::min(burst_, tokens_ + elapsed_s * per_second_);
  }
  if (!last_ || now > *last_) last_ = now;
}

std::optional<Instant> TokenBucket::TryTake(Instant now) {
  if (unlimited()) return std::nullopt;
  Refill(now);
  if (tokens_ >= kWholeToken) {
    tokens_ = std::max(0.0, tokens_ - 1.0);
    return std::nullopt;
  }
  const double wait_ms = std::ceil((1.0 - tokens_) / per_second_ * 1000.0);
  return *last_ + std::chrono::milliseconds(static_cast<std::int64_t>(std::max(wait_ms, 1.0)));
}

}  // namespace duly::channels
