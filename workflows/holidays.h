// Public holidays of the Netherlands and Belgium, computed for any year.
//
// Promise: HolidaysIn(country, year) lists the days on which duly treats `country` as closed, in
// date order, each with its Dutch name:
// - "NL": the "algemeen erkende feestdagen" of art. 3 lid 1 Algemene termijnenwet (Nieuwjaarsdag,
//   Tweede Paasdag, Koningsdag, 5 mei, Hemelvaartsdag, Tweede Pinksterdag, both Christmas days),
//   Goede Vrijdag (art. 3 lid 2), and the days equated by Royal Decree (art. 3 lid 3) that duly
//   knows from a table (2023-2028, RULES.md §8.1; later decrees must be added to the table).
//   Koningsdag is 27 April, or Saturday 26 April when the 27th is a Sunday; years before 2014 get
//   Koninginnedag, 30 April, or Saturday 29 April when the 30th is a Sunday.
// - "BE": the 10 legal holidays of KB 18-04-1974 (RULES.md §8.2). A holiday on a Sunday stays on
//   the Sunday (the replacement day off is an employment matter, not a public holiday).
// Easter follows the anonymous Gregorian (Meeus) algorithm, valid for every Gregorian year.
// Country codes are ISO 3166-1 alpha-2 and compared without regard to case ("nl" == "NL"). Any
// other country has NO holidays here: its calendar is weekends only (see BusinessCalendar).
// Two holidays may fall on one day (Hemelvaartsdag on 5 May 2016); both are listed.
// Pure functions over constant tables; thread-safe. Holiday names point to static storage.
#pragma once

#include <string_view>
#include <vector>

#include "workflows/calendar_date.h"

namespace duly {

enum class HolidayKind {
  kStatutory,  // named by the law itself (Atw art. 3 lid 1 and 2; the Belgian KB)
  kEquated,    // equated to a holiday by a decree for one year (Atw art. 3 lid 3)
};

struct Holiday {
  CalendarDate day;
  std::string_view name;  // Dutch, e.g. "Tweede Pinksterdag"; static storage
  HolidayKind kind = HolidayKind::kStatutory;
  friend bool operator==(const Holiday&, const Holiday&) = default;
};

// Easter Sunday of `year` in the Gregorian calendar. REQUIRES: year >= 1583.
CalendarDate EasterSunday(int year);

// True for the countries whose holidays duly knows ("NL", "BE", any case).
bool KnowsHolidaysOf(std::string_view country);

// The holidays of `country` in `year`, sorted by day. Empty for a country duly does not know.
// REQUIRES: year >= 1583.
std::vector<Holiday> HolidaysIn(std::string_view country, int year);

// True when `day` is one of HolidaysIn(country, year of day); false for days before 1583.
bool IsHoliday(std::string_view country, CalendarDate day);

}  // namespace duly
