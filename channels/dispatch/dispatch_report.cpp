#include "channels/dispatch/dispatch_report.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace duly::channels {

std::chrono::microseconds DispatchReport::Latency(double q) const {
  if (send_latency_us.empty()) return std::chrono::microseconds::zero();
  std::vector<std::int64_t> sorted = send_latency_us;
  std::sort(sorted.begin(), sorted.end());
  const double clamped = std::clamp(q, 0.0, 1.0);
  const auto rank =
      static_cast<std::size_t>(std::ceil(clamped * static_cast<double>(sorted.size())));
  const std::size_t index = rank == 0 ? 0 : rank - 1;
  return std::chrono::microseconds(sorted[std::min(index, sorted.size() - 1)]);
}

}  // namespace duly::channels
