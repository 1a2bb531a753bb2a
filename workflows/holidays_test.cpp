#include "workflows/holidays.h"

#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace duly {
namespace {

CalendarDate D(const char* text) {
  auto day = ParseCalendarDate(text);
  EXPECT_TRUE(day.has_value()) << text;
  return *day;
}

// "2026-04-27 Koningsdag" lines, for readable comparisons of whole lists.
std::vector<std::string> Describe(const std::vector<Holiday>& holidays) {
  std::vector<std::string> lines;
  for (const Holiday& holiday : holidays) {
    lines.push_back(FormatCalendarDate(holiday.day) + " " + std::string(holiday.name));
  }
  return lines;
}

CalendarDate NamedHoliday(std::string_view country, int year, std::string_view name) {
  for (const Holiday& holiday : HolidaysIn(country, year)) {
    if (holiday.name == name) {
      return holiday.day;
    }
  }
  ADD_FAILURE() << name << " missing in " << country << " " << year;
  return CalendarDate{};
}

TEST(HolidaysTest, EasterByTheMeeusAlgorithm) {
  const std::vector<std::pair<int, const char*>> easters = {
      {2024, "2024-03-31"},
      {2025, "2025-04-20"},
      {2026, "2026-04-05"},
      {2027, "2027-03-28"},
      {2028, "2028-04-16"},
      {2029, "2029-04-01"},
      {2030, "2030-04-21"},
      // The extremes of the Gregorian cycle: the earliest and latest possible dates.
      {2285, "2285-03-22"},
      {2038, "2038-04-25"},
      {2000, "2000-04-23"},
      {1583, "1583-04-10"},
  };
  for (const auto& [year, expected] : easters) {
    EXPECT_EQ(FormatCalendarDate(EasterSunday(year)), expected) << year;
    EXPECT_EQ(date::weekday{EasterSunday(year)}, date::Sunday) << year;
  }
}

TEST(HolidaysTest, RulesSection83Vectors) {
  struct Vector {
    int year;
    const char* good_friday;
    const char* ascension;
    const char* whit_monday;
    const char* kings_day;
  };
  const std::vector<Vector> vectors = {
      {2024, "2024-03-29", "2024-05-09", "2024-05-20", "2024-04-27"},
      {2025, "2025-04-18", "2025-05-29", "2025-06-09", "2025-04-26"},  // the 27th is a Sunday
      {2026, "2026-04-03", "2026-05-14", "2026-05-25", "2026-04-27"},
      {2027, "2027-03-26", "2027-05-06", "2027-05-17", "2027-04-27"},
  };
  for (const Vector& v : vectors) {
    EXPECT_EQ(NamedHoliday("NL", v.year, "Goede Vrijdag"), D(v.good_friday)) << v.year;
    EXPECT_EQ(NamedHoliday("NL", v.year, "Hemelvaartsdag"), D(v.ascension)) << v.year;
    EXPECT_EQ(NamedHoliday("NL", v.year, "Tweede Pinksterdag"), D(v.whit_monday)) << v.year;
    EXPECT_EQ(NamedHoliday("NL", v.year, "Koningsdag"), D(v.kings_day)) << v.year;
    EXPECT_EQ(NamedHoliday("BE", v.year, "O.L.H. Hemelvaart"), D(v.ascension)) << v.year;
    EXPECT_EQ(NamedHoliday("BE", v.year, "Pinkstermaandag"), D(v.whit_monday)) << v.year;
  }
}

TEST(HolidaysTest, KingsDayOnASundayMovesToSaturday) {
  for (int year : {2014, 2025, 2031, 2036}) {
    const CalendarDate kings_day = NamedHoliday("NL", year, "Koningsdag");
    EXPECT_EQ(date::weekday{kings_day}, date::Saturday) << year;
    EXPECT_EQ(date::year_month_day{kings_day}.day(), date::day{26}) << year;
    EXPECT_FALSE(IsHoliday("NL", kings_day + date::days{1})) << year;
  }
  EXPECT_EQ(NamedHoliday("NL", 2031, "Koningsdag"), D("2031-04-26"));
  EXPECT_EQ(NamedHoliday("NL", 2030, "Koningsdag"), D("2030-04-27"));  // a Saturday stays
  // Before 2014 the Queen's day: 30 April, Saturday 29 April when the 30th was a Sunday.
  EXPECT_EQ(NamedHoliday("NL", 2006, "Koninginnedag"), D("2006-04-29"));
  EXPECT_EQ(NamedHoliday("NL", 2013, "Koninginnedag"), D("2013-04-30"));
}

TEST(HolidaysTest, DutchYear2026InFull) {
  EXPECT_EQ(Describe(HolidaysIn("NL", 2026)), (std::vector<std::string>{
                                                  "2026-01-01 Nieuwjaarsdag",
                                                  "2026-01-02 Vrijdag na Nieuwjaarsdag",
                                                  "2026-04-03 Goede Vrijdag",
                                                  "2026-04-06 Tweede Paasdag",
                                                  "2026-04-27 Koningsdag",
                                                  "2026-05-05 Bevrijdingsdag",
                                                  "2026-05-14 Hemelvaartsdag",
                                                  "2026-05-15 Vrijdag na Hemelvaartsdag",
                                                  "2026-05-25 Tweede Pinksterdag",
                                                  "2026-12-25 Eerste Kerstdag",
                                                  "2026-12-26 Tweede Kerstdag",
                                              }));
}

TEST(HolidaysTest, BelgianYear2026InFull) {
  EXPECT_EQ(Describe(HolidaysIn("BE", 2026)), (std::vector<std::string>{
                                                  "2026-01-01 Nieuwjaar",
                                                  "2026-04-06 Paasmaandag",
                                                  "2026-05-01 Dag van de Arbeid",
                                                  "2026-05-14 O.L.H. Hemelvaart",
                                                  "2026-05-25 Pinkstermaandag",
                                                  "2026-07-21 Nationale feestdag",
                                                  "2026-08-15 O.L.V. Hemelvaart",
                                                  "2026-11-01 Allerheiligen",
                                                  "2026-11-11 Wapenstilstand",
                                                  "2026-12-25 Kerstmis",
                                              }));
  for (const Holiday& holiday : HolidaysIn("BE", 2026)) {
    EXPECT_EQ(holiday.kind, HolidayKind::kStatutory) << holiday.name;
  }
  // Community holidays are not legal holidays; Goede Vrijdag and 26 December are Dutch only.
  for (const char* day : {"2026-07-11", "2026-09-27", "2026-11-15", "2026-04-03", "2026-12-26"}) {
    EXPECT_FALSE(IsHoliday("BE", D(day))) << day;
  }
}

TEST(HolidaysTest, EquatedDaysAreFridaysAfterAHoliday) {
  const std::vector<const char*> equated = {"2023-04-28", "2023-05-19", "2024-05-10", "2024-12-27",
                                            "2025-05-30", "2026-01-02", "2026-05-15", "2027-05-07",
                                            "2028-04-28", "2028-05-26"};
  int seen = 0;
  for (int year = 2023; year <= 2028; ++year) {
    for (const Holiday& holiday : HolidaysIn("NL", year)) {
      if (holiday.kind != HolidayKind::kEquated) {
        continue;
      }
      ++seen;
      EXPECT_EQ(date::weekday{holiday.day}, date::Friday) << holiday.name;
      EXPECT_TRUE(IsHoliday("NL", holiday.day - date::days{1})) << holiday.name;
    }
  }
  EXPECT_EQ(seen, static_cast<int>(equated.size()));
  for (const char* day : equated) {
    EXPECT_TRUE(IsHoliday("NL", D(day))) << day;
    EXPECT_FALSE(IsHoliday("BE", D(day))) << day;
  }
  // Not every Friday after Hemelvaart: 2029 has no decree in the table (yet).
  EXPECT_FALSE(IsHoliday("NL", NamedHoliday("NL", 2029, "Hemelvaartsdag") + date::days{1}));
}

TEST(HolidaysTest, TwoHolidaysOnOneDayAreBothListed) {
  // 2016: Hemelvaartsdag fell on 5 May.
  int on_fifth_of_may = 0;
  for (const Holiday& holiday : HolidaysIn("NL", 2016)) {
    if (holiday.day == D("2016-05-05")) {
      ++on_fifth_of_may;
    }
  }
  EXPECT_EQ(on_fifth_of_may, 2);
  EXPECT_EQ(HolidaysIn("NL", 2016).size(), 9U);
}

TEST(HolidaysTest, ListsAreSortedByDay) {
  for (int year = 2020; year <= 2040; ++year) {
    for (const char* country : {"NL", "BE"}) {
      const std::vector<Holiday> holidays = HolidaysIn(country, year);
      for (std::size_t i = 1; i < holidays.size(); ++i) {
        EXPECT_LE(holidays[i - 1].day, holidays[i].day) << country << " " << year;
      }
    }
  }
}

TEST(HolidaysTest, CountryCodes) {
  EXPECT_TRUE(KnowsHolidaysOf("NL"));
  EXPECT_TRUE(KnowsHolidaysOf("be"));
  EXPECT_FALSE(KnowsHolidaysOf("DE"));
  EXPECT_FALSE(KnowsHolidaysOf("NLD"));
  EXPECT_FALSE(KnowsHolidaysOf(""));
  EXPECT_TRUE(IsHoliday("nl", D("2026-04-27")));
  EXPECT_TRUE(HolidaysIn("DE", 2026).empty());
  EXPECT_FALSE(IsHoliday("DE", D("2026-12-25")));
  EXPECT_FALSE(IsHoliday("NL", D("1500-01-01")));  // before the Gregorian calendar
}

}  // namespace
}  // namespace duly
