// duly::LocalMoment: the instant a local wall-clock time occurs on a given day in a zone.
//
// Promise: uses the zone's rules of that very day, so 09:00 after a DST change carries the new
// offset. A local time the zone skips (spring forward) maps to the end of the gap (the first
// instant after it); a local time that occurs twice (fall back) maps to its first occurrence, as
// quiet_hours.cpp does for windows. Pure; safe from any thread.
#pragma once

#include <chrono>
#include <string_view>

#include "workflows/calendar_date.h"

namespace duly {

// REQUIRES: IsKnownTimeZone(time_zone).
Instant LocalMoment(CalendarDate day, std::chrono::minutes time_of_day, std::string_view time_zone);

}  // namespace duly
