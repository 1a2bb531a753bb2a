#include "workflows/clock.h"

namespace duly {

Instant SystemClock::Now() const {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

}  // namespace duly
