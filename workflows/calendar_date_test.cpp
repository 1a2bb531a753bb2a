#include "workflows/calendar_date.h"

#include <gtest/gtest.h>

namespace duly {
namespace {

TEST(CalendarDateTest, ParsesAndFormatsIsoDates) {
  auto day = ParseCalendarDate("2026-03-10");
  ASSERT_TRUE(day.has_value());
  EXPECT_EQ(FormatCalendarDate(*day), "2026-03-10");
}

TEST(CalendarDateTest, RefusesImpossibleDays) {
  for (const char* text : {"2026-02-30", "2026-13-01", "2026-3-10", "10-03-2026", "2026/03/10", "",
                           "2026-03-10T00:00"}) {
    EXPECT_FALSE(ParseCalendarDate(text).has_value()) << text;
  }
  EXPECT_TRUE(ParseCalendarDate("2024-02-29").has_value());
  EXPECT_FALSE(ParseCalendarDate("2025-02-29").has_value());
}

TEST(CalendarDateTest, FormatsInstantsInTheirZone) {
  // 2026-03-10T08:00Z is 09:00 in Amsterdam (CET), 2026-07-10T07:00Z is 09:00 (CEST).
  Instant winter = Instant{date::sys_days{date::year{2026} / 3 / 10}} + std::chrono::hours{8};
  EXPECT_EQ(FormatInstant(winter, "Europe/Amsterdam"), "2026-03-10T09:00:00.000+01:00");
  Instant summer = Instant{date::sys_days{date::year{2026} / 7 / 10}} + std::chrono::hours{7};
  EXPECT_EQ(FormatInstant(summer, "Europe/Amsterdam"), "2026-07-10T09:00:00.000+02:00");
  EXPECT_EQ(FormatInstantUtc(winter), "2026-03-10T08:00:00.000Z");
}

TEST(CalendarDateTest, LocalDayFollowsTheZone) {
  // 23:30Z on 9 March is already 10 March in Amsterdam.
  Instant late =
      Instant{date::sys_days{date::year{2026} / 3 / 9}} + std::chrono::minutes{23 * 60 + 30};
  EXPECT_EQ(FormatCalendarDate(LocalDay(late, "Europe/Amsterdam")), "2026-03-10");
  EXPECT_TRUE(IsKnownTimeZone("Europe/Brussels"));
  EXPECT_FALSE(IsKnownTimeZone("Mars/Olympus"));
}

}  // namespace
}  // namespace duly
