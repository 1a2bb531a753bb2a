#include "channels/dispatch/retry_backoff.h"

#include <algorithm>

namespace duly::channels {

RetryBackoff::RetryBackoff(std::chrono::milliseconds base, std::chrono::milliseconds cap,
                           std::optional<std::uint64_t> seed)
    : base_(std::max(base, std::chrono::milliseconds(1))),
      cap_(std::max(cap, std::chrono::milliseconds(1))),
      random_(seed ? *seed : std::random_device{}()) {}

std::chrono::milliseconds RetryBackoff::Ceiling(std::int64_t attempt) const {
  std::chrono::milliseconds ceiling = base_;
  for (std::int64_t i = 0; i < attempt && ceiling < cap_; ++i) ceiling *= 2;
  return std::min(ceiling, cap_);
}

std::chrono::milliseconds RetryBackoff::Delay(std::int64_t attempt) {
  const std::int64_t ceiling = Ceiling(attempt).count();
  std::uniform_int_distribution<std::int64_t> uniform(0, ceiling);
  std::lock_guard lock(mutex_);
  return std::chrono::milliseconds(uniform(random_));
}

}  // namespace duly::channels
