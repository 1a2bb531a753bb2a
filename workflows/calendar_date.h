// Calendar dates and instants as duly uses them.
//
// Promise: a CalendarDate is a day without a time (invoice issue and due dates), written and read
// as ISO 8601 "YYYY-MM-DD" and nothing else; an Instant is a UTC time point with millisecond
// precision (stored as epoch milliseconds). Local times come from a named IANA zone through
// date/tz (default Europe/Amsterdam). Pure functions; thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include <date/date.h>

#include "workflows/status.h"

namespace duly {

using CalendarDate = date::sys_days;
using Instant = std::chrono::sys_time<std::chrono::milliseconds>;

inline constexpr std::string_view kDefaultTimeZone = "Europe/Amsterdam";

// Parses exactly "YYYY-MM-DD" naming a real day (2026-02-30 is an error).
Result<CalendarDate> ParseCalendarDate(std::string_view text);
std::string FormatCalendarDate(CalendarDate day);

std::int64_t ToEpochMillis(Instant at);
Instant FromEpochMillis(std::int64_t millis);

// "2026-03-10T09:00:00.000+01:00" in the given zone. REQUIRES: zone names a known IANA zone.
std::string FormatInstant(Instant at, std::string_view zone);
// "2026-03-10T08:00:00.000Z".
std::string FormatInstantUtc(Instant at);

// True when the IANA zone database knows `zone`.
bool IsKnownTimeZone(std::string_view zone);

// The calendar day `at` falls on in `zone`. REQUIRES: IsKnownTimeZone(zone).
CalendarDate LocalDay(Instant at, std::string_view zone);

}  // namespace duly
