// duly::PromiseTally: promises to pay falling due in a period, by state, and the kept ratio.
//
// Promise: the ratio is kept / (kept + broken); open and cancelled promises do not count.
// Absent (std::nullopt) when nothing was kept or broken. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <optional>

#include "workflows/money.h"

namespace duly {

struct PromiseTally {
  std::int64_t kept = 0;
  std::int64_t broken = 0;
  std::int64_t open = 0;
  std::int64_t cancelled = 0;
  Money kept_amount;    // sum of the kept promises' amounts
  Money broken_amount;  // sum of the broken promises' amounts
  friend bool operator==(const PromiseTally&, const PromiseTally&) = default;
};

std::optional<double> PromiseKeptRatio(const PromiseTally& tally);

// part / whole; absent when whole is 0.
std::optional<double> Share(std::int64_t part, std::int64_t whole);

}  // namespace duly
