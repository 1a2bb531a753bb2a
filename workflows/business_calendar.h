// duly::BusinessCalendar: which days a country works.
//
// Promise: a working day is a day that is not a Saturday, not a Sunday and not a public holiday of
// the calendar's country (holidays.h: "NL" and "BE"). For any other country code the calendar
// knows no holidays and only weekends are closed; KnowsHolidays() tells which case applies.
// Days are calendar days (no time zone): the caller picks the local day (LocalDay in
// calendar_date.h). A value type; const methods are pure and safe to call from any thread.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "workflows/calendar_date.h"

namespace duly {

class BusinessCalendar {
 public:
  // `country` is an ISO 3166-1 alpha-2 code ("NL", "BE"; case does not matter).
  explicit BusinessCalendar(std::string country) : country_(std::move(country)) {}

  const std::string& Country() const { return country_; }

  // True when the country's public holidays are known; false means weekends only.
  bool KnowsHolidays() const;

  static bool IsWeekend(CalendarDate day);
  bool IsHoliday(CalendarDate day) const;
  // Not a weekend day and not a holiday.
  bool IsWorkingDay(CalendarDate day) const;

  // The first working day strictly after `day`.
  CalendarDate NextWorkingDay(CalendarDate day) const;
  // `day` when it is a working day, else the first working day after it.
  CalendarDate WorkingDayOnOrAfter(CalendarDate day) const;

  // The n-th working day after `day` (n > 0) or before it (n < 0); `day` itself never counts, so
  // AddWorkingDays(Friday, 1) is the next Monday (when that is no holiday). n == 0 returns `day`
  // unchanged, working day or not.
  CalendarDate AddWorkingDays(CalendarDate day, int n) const;

 private:
  std::string country_;
};

}  // namespace duly
