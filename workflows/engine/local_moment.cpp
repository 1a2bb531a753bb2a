#include "workflows/engine/local_moment.h"

#include <date/tz.h>

namespace duly {

Instant LocalMoment(CalendarDate day, std::chrono::minutes time_of_day,
                    std::string_view time_zone) {
  const date::time_zone* zone = date::locate_zone(time_zone);
  const date::local_time<std::chrono::minutes> local{day.time_since_epoch() + time_of_day};
  const date::local_info info = zone->get_info(local);
  if (info.result == date::local_info::nonexistent) return Instant{info.first.end};
  // unique: the one offset; ambiguous: `first` is the earlier occurrence (the offset before the
  // change).
  return Instant{local.time_since_epoch() - info.first.offset};
}

}  // namespace duly
