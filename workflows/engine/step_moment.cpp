// StepMoment (declared in decide.h): when a workflow step is due for one invoice.
#include <chrono>

#include "workflows/engine/customer_place.h"
#include "workflows/engine/decide.h"
#include "workflows/engine/local_moment.h"

namespace duly {

Instant StepMoment(const Step& step, CalendarDate due, std::string_view time_zone,
                   const EngineOptions& options) {
  const std::string zone = KnownZoneOr(time_zone, options);
  if (step.at.unit() == StepOffset::Unit::kDays) {
    return LocalMoment(due + date::days{step.at.amount()}, options.send_time, zone);
  }
  // Hours count as elapsed time from local midnight of the due date, whatever DST does meanwhile.
  return LocalMoment(due, std::chrono::minutes{0}, zone) + std::chrono::hours{step.at.amount()};
}

}  // namespace duly
