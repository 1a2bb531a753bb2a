#include "workflows/calendar_date.h"

#include <stdexcept>

#include <date/tz.h>

namespace duly {

Result<CalendarDate> ParseCalendarDate(std::string_view text) {
  auto bad = [&] {
    return InvalidArgument("\"" + std::string(text) + "\" is not a date of the form YYYY-MM-DD");
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad();
  int parts[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8};
  const std::size_t lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (std::size_t i = 0; i < lengths[p]; ++i) {
      char c = text[starts[p] + i];
      if (c < '0' || c > '9') return bad();
      parts[p] = parts[p] * 10 + (c - '0');
    }
  }
  date::year_month_day ymd{date::year{parts[0]}, date::month{static_cast<unsigned>(parts[1])},
                           date::day{static_cast<unsigned>(parts[2])}};
  if (!ymd.ok()) {
    return InvalidArgument("\"" + std::string(text) + "\" is not a day of the calendar");
  }
  return CalendarDate{ymd};
}

std::string FormatCalendarDate(CalendarDate day) { return date::format("%F", day); }

std::int64_t ToEpochMillis(Instant at) { return at.time_since_epoch().count(); }

Instant FromEpochMillis(std::int64_t millis) { return Instant{std::chrono::milliseconds{millis}}; }

std::string FormatInstant(Instant at, std::string_view zone) {
  const date::time_zone* tz = date::locate_zone(zone);
  auto local = date::make_zoned(tz, at);
  return date::format("%FT%T%Ez", local);
}

std::string FormatInstantUtc(Instant at) { return date::format("%FT%TZ", at); }

bool IsKnownTimeZone(std::string_view zone) {
  try {
    (void)date::locate_zone(zone);
    return true;
  } catch (const std::runtime_error&) {
    return false;
  }
}

CalendarDate LocalDay(Instant at, std::string_view zone) {
  const date::time_zone* tz = date::locate_zone(zone);
  auto local = tz->to_local(at);
  return CalendarDate{date::floor<date::days>(local).time_since_epoch()};
}

}  // namespace duly
