#include "workflows/holidays.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace duly {
namespace {

using date::April;
using date::August;
using date::December;
using date::January;
using date::July;
using date::May;
using date::November;
using date::Sunday;

CalendarDate Day(int year, date::month month, unsigned day) {
  return CalendarDate{date::year{year} / month / date::day{day}};
}

// A day equated to a holiday by Royal Decree (Atw art. 3 lid 3), RULES.md §8.1.
struct EquatedDay {
  int year;
  unsigned month;
  unsigned day;
  std::string_view name;
};

constexpr std::array<EquatedDay, 10> kDutchEquatedDays = {{
    {2023, 4, 28, "Vrijdag na Koningsdag"},
    {2023, 5, 19, "Vrijdag na Hemelvaartsdag"},
    {2024, 5, 10, "Vrijdag na Hemelvaartsdag"},
    {2024, 12, 27, "Vrijdag na Kerstmis"},
    {2025, 5, 30, "Vrijdag na Hemelvaartsdag"},
    {2026, 1, 2, "Vrijdag na Nieuwjaarsdag"},
    {2026, 5, 15, "Vrijdag na Hemelvaartsdag"},
    {2027, 5, 7, "Vrijdag na Hemelvaartsdag"},
    {2028, 4, 28, "Vrijdag na Koningsdag"},
    {2028, 5, 26, "Vrijdag na Hemelvaartsdag"},
}};

bool SameCountry(std::string_view country, std::string_view code) {
  if (country.size() != code.size()) {
    return false;
  }
  for (std::size_t i = 0; i < code.size(); ++i) {
    const auto upper = static_cast<char>(std::toupper(static_cast<unsigned char>(country[i])));
    if (upper != code[i]) {
      return false;
    }
  }
  return true;
}

// Koningsdag (from 2014) or Koninginnedag (before): the birthday, a day earlier when on a Sunday.
Holiday DutchKingsDay(int year) {
  const bool king = year >= 2014;
  CalendarDate day = Day(year, April, king ? 27U : 30U);
  if (date::weekday{day} == Sunday) {
    day -= date::days{1};
  }
  return {day, king ? "Koningsdag" : "Koninginnedag", HolidayKind::kStatutory};
}

std::vector<Holiday> DutchHolidays(int year) {
  const CalendarDate easter = EasterSunday(year);
  std::vector<Holiday> holidays = {
      {Day(year, January, 1), "Nieuwjaarsdag"},        {easter - date::days{2}, "Goede Vrijdag"},
      {easter + date::days{1}, "Tweede Paasdag"},      DutchKingsDay(year),
      {Day(year, May, 5), "Bevrijdingsdag"},           {easter + date::days{39}, "Hemelvaartsdag"},
      {easter + date::days{50}, "Tweede Pinksterdag"}, {Day(year, December, 25), "Eerste Kerstdag"},
      {Day(year, December, 26), "Tweede Kerstdag"},
  };
  for (const EquatedDay& equated : kDutchEquatedDays) {
    if (equated.year != year) {
      continue;
    }
    holidays.push_back(
        {Day(year, date::month{equated.month}, equated.day), equated.name, HolidayKind::kEquated});
  }
  return holidays;
}

std::vector<Holiday> BelgianHolidays(int year) {
  const CalendarDate easter = EasterSunday(year);
  return {
      {Day(year, January, 1), "Nieuwjaar"},         {easter + date::days{1}, "Paasmaandag"},
      {Day(year, May, 1), "Dag van de Arbeid"},     {easter + date::days{39}, "O.L.H. Hemelvaart"},
      {easter + date::days{50}, "Pinkstermaandag"}, {Day(year, July, 21), "Nationale feestdag"},
      {Day(year, August, 15), "O.L.V. Hemelvaart"}, {Day(year, November, 1), "Allerheiligen"},
      {Day(year, November, 11), "Wapenstilstand"},  {Day(year, December, 25), "Kerstmis"},
  };
}

}  // namespace

CalendarDate EasterSunday(int year) {
  DULY_CHECK(year >= 1583);
  // RULES.md §8.3, the anonymous Gregorian algorithm (Meeus), in the same letters.
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = ((h + l - 7 * m + 114) % 31) + 1;
  return Day(year, date::month{static_cast<unsigned>(month)}, static_cast<unsigned>(day));
}

bool KnowsHolidaysOf(std::string_view country) {
  return SameCountry(country, "NL") || SameCountry(country, "BE");
}

std::vector<Holiday> HolidaysIn(std::string_view country, int year) {
  std::vector<Holiday> holidays;
  if (SameCountry(country, "NL")) {
    holidays = DutchHolidays(year);
  } else if (SameCountry(country, "BE")) {
    holidays = BelgianHolidays(year);
  }
  std::stable_sort(holidays.begin(), holidays.end(),
                   [](const Holiday& x, const Holiday& y) { return x.day < y.day; });
  return holidays;
}

bool IsHoliday(std::string_view country, CalendarDate day) {
  const int year = static_cast<int>(date::year_month_day{day}.year());
  if (!KnowsHolidaysOf(country) || year < 1583) {
    return false;
  }
  const std::vector<Holiday> holidays = HolidaysIn(country, year);
  return std::any_of(holidays.begin(), holidays.end(),
                     [day](const Holiday& holiday) { return holiday.day == day; });
}

}  // namespace duly
