#include "workflows/business_calendar.h"

#include <cstdint>

#include "workflows/holidays.h"

namespace duly {

bool BusinessCalendar::KnowsHolidays() const { return KnowsHolidaysOf(country_); }

bool BusinessCalendar::IsWeekend(CalendarDate day) {
  const date::weekday weekday{day};
  return weekday == date::Saturday || weekday == date::Sunday;
}

bool BusinessCalendar::IsHoliday(CalendarDate day) const { return duly::IsHoliday(country_, day); }

bool BusinessCalendar::IsWorkingDay(CalendarDate day) const {
  return !IsWeekend(day) && !IsHoliday(day);
}

CalendarDate BusinessCalendar::NextWorkingDay(CalendarDate day) const {
  return WorkingDayOnOrAfter(day + date::days{1});
}

CalendarDate BusinessCalendar::WorkingDayOnOrAfter(CalendarDate day) const {
  // Every week has at least one working day in NL and BE, so this ends within days.
  while (!IsWorkingDay(day)) {
    day += date::days{1};
  }
  return day;
}

CalendarDate BusinessCalendar::AddWorkingDays(CalendarDate day, int n) const {
  const date::days step{n > 0 ? 1 : -1};
  // In 64 bits so that -n cannot overflow for n == INT_MIN.
  std::int64_t remaining = n > 0 ? n : -static_cast<std::int64_t>(n);
  while (remaining > 0) {
    day += step;
    if (IsWorkingDay(day)) {
      --remaining;
    }
  }
  return day;
}

}  // namespace duly
