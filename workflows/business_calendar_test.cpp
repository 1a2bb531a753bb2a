#include "workflows/business_calendar.h"

#include <gtest/gtest.h>

namespace duly {
namespace {

CalendarDate D(const char* text) {
  auto day = ParseCalendarDate(text);
  EXPECT_TRUE(day.has_value()) << text;
  return *day;
}

TEST(BusinessCalendarTest, WeekendsAndHolidaysAreNotWorkingDays) {
  const BusinessCalendar nl{"NL"};
  EXPECT_TRUE(nl.IsWorkingDay(D("2026-03-10")));   // Tuesday
  EXPECT_FALSE(nl.IsWorkingDay(D("2026-03-14")));  // Saturday
  EXPECT_FALSE(nl.IsWorkingDay(D("2026-03-15")));  // Sunday
  EXPECT_FALSE(nl.IsWorkingDay(D("2026-04-27")));  // Koningsdag, a Monday
  EXPECT_FALSE(nl.IsWorkingDay(D("2026-05-15")));  // equated Friday after Hemelvaart
  EXPECT_TRUE(nl.IsWeekend(D("2026-03-14")));
  EXPECT_FALSE(nl.IsHoliday(D("2026-03-14")));
  EXPECT_TRUE(nl.KnowsHolidays());

  const BusinessCalendar be{"BE"};
  EXPECT_TRUE(be.IsWorkingDay(D("2026-04-27")));
  EXPECT_FALSE(be.IsWorkingDay(D("2026-07-21")));  // Nationale feestdag, a Tuesday
}

TEST(BusinessCalendarTest, UnknownCountryClosesOnWeekendsOnly) {
  const BusinessCalendar de{"DE"};
  EXPECT_FALSE(de.KnowsHolidays());
  EXPECT_TRUE(de.IsWorkingDay(D("2026-04-03")));  // Goede Vrijdag elsewhere
  EXPECT_TRUE(de.IsWorkingDay(D("2026-12-25")));
  EXPECT_FALSE(de.IsWorkingDay(D("2026-12-26")));  // a Saturday
  EXPECT_EQ(de.AddWorkingDays(D("2026-04-02"), 1), D("2026-04-03"));
}

TEST(BusinessCalendarTest, AddWorkingDaysAcrossEaster) {
  const BusinessCalendar nl{"NL"};
  // Thursday 2 April 2026: Goede Vrijdag, the weekend and Tweede Paasdag are skipped.
  EXPECT_EQ(nl.AddWorkingDays(D("2026-04-02"), 1), D("2026-04-07"));
  EXPECT_EQ(nl.AddWorkingDays(D("2026-04-02"), 2), D("2026-04-08"));
  EXPECT_EQ(nl.AddWorkingDays(D("2026-04-07"), -1), D("2026-04-02"));
  EXPECT_EQ(nl.AddWorkingDays(D("2026-04-02"), 0), D("2026-04-02"));
  EXPECT_EQ(nl.AddWorkingDays(D("2026-04-04"), 0), D("2026-04-04"));
  // Ten working days from Monday 30 March: 31/3, 1/4, 2/4, 7/4, 8/4, 9/4, 10/4, 13/4, 14/4, 15/4.
  EXPECT_EQ(nl.AddWorkingDays(D("2026-03-30"), 10), D("2026-04-15"));
  EXPECT_EQ(nl.AddWorkingDays(D("2026-04-15"), -10), D("2026-03-30"));

  const BusinessCalendar be{"BE"};
  // Belgium works on Goede Vrijdag but not on Paasmaandag.
  EXPECT_EQ(be.AddWorkingDays(D("2026-04-02"), 1), D("2026-04-03"));
  EXPECT_EQ(be.AddWorkingDays(D("2026-04-02"), 2), D("2026-04-07"));
}

TEST(BusinessCalendarTest, NextWorkingDay) {
  const BusinessCalendar nl{"NL"};
  EXPECT_EQ(nl.NextWorkingDay(D("2026-03-10")), D("2026-03-11"));
  EXPECT_EQ(nl.NextWorkingDay(D("2026-03-13")), D("2026-03-16"));  // Friday -> Monday
  EXPECT_EQ(nl.NextWorkingDay(D("2025-12-24")), D("2025-12-29"));  // over Christmas
  EXPECT_EQ(nl.NextWorkingDay(D("2024-12-24")), D("2024-12-30"));  // and the equated 27th
  EXPECT_EQ(nl.NextWorkingDay(D("2025-12-31")), D("2026-01-05"));  // 1 Jan, equated 2 Jan
  EXPECT_EQ(nl.WorkingDayOnOrAfter(D("2026-03-10")), D("2026-03-10"));
  EXPECT_EQ(nl.WorkingDayOnOrAfter(D("2026-04-25")), D("2026-04-28"));  // Sat, Sun, Koningsdag
  // Year boundary, Belgium: 31 Dec 2027 is a Friday, 1 Jan 2028 a Saturday.
  EXPECT_EQ(BusinessCalendar{"BE"}.NextWorkingDay(D("2027-12-31")), D("2028-01-03"));
}

}  // namespace
}  // namespace duly
