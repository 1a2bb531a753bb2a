// duly::channels::RetryBackoff: when a message that failed transiently is tried again.
//
// Promise: Delay(attempt) is uniform in [0, min(cap, base * 2^attempt)] ("full jitter"), for
// attempt = failed attempts before this one (0 for the first failure); it never overflows.
// Ceiling(attempt) is that upper bound. A seed makes the sequence repeatable (tests).
// Thread-safety: Delay is safe from many threads at once (mutex_ guards the generator).
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <random>

namespace duly::channels {

class RetryBackoff {
 public:
  RetryBackoff(std::chrono::milliseconds base, std::chrono::milliseconds cap,
               std::optional<std::uint64_t> seed);

  std::chrono::milliseconds Ceiling(std::int64_t attempt) const;
  std::chrono::milliseconds Delay(std::int64_t attempt);

 private:
  const std::chrono::milliseconds base_;
  const std::chrono::milliseconds cap_;
  std::mutex mutex_;  // guards random_
  std::mt19937_64 random_;
};

}  // namespace duly::channels
