#include "workflows/reports/promise_tally.h"

namespace duly {

std::optional<double> PromiseKeptRatio(const PromiseTally& tally) {
  return Share(tally.kept, tally.kept + tally.broken);
}

std::optional<double> Share(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return std::nullopt;
  return static_cast<double>(part) / static_cast<double>(whole);
}

}  // namespace duly
