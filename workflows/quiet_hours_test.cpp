#include "workflows/quiet_hours.h"

#include <chrono>
#include <string>

#include <gtest/gtest.h>

namespace duly {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;

constexpr std::string_view kAmsterdam = "Europe/Amsterdam";

// A UTC instant: day "YYYY-MM-DD" plus hours and minutes.
Instant Utc(const char* day, int hour, int minute = 0) {
  auto parsed = ParseCalendarDate(day);
  EXPECT_TRUE(parsed.has_value()) << day;
  return Instant{*parsed} + hours{hour} + minutes{minute};
}

// Where an SMS for a Dutch debtor in Amsterdam may go out, written with its local offset.
std::string NextSms(Instant at, const QuietHours& policy = QuietHours::Default()) {
  Result<Instant> next = policy.NextAllowedMoment(at, "sms", "NL", kAmsterdam);
  EXPECT_TRUE(next.has_value());
  return next ? FormatInstant(*next, kAmsterdam) : "";
}

TEST(QuietHoursTest, DefaultPolicy) {
  const QuietHours policy = QuietHours::Default();
  for (const char* channel : {"sms", "whatsapp", "voice", "call_task"}) {
    const ChannelWindow* window = policy.WindowFor(channel);
    ASSERT_NE(window, nullptr) << channel;
    EXPECT_EQ(window->days, AllowedDays::kWorkingDays) << channel;
    EXPECT_EQ(window->from, hours{8}) << channel;
    EXPECT_EQ(window->until, hours{20}) << channel;
  }
  for (const char* channel : {"email", "letter"}) {
    const ChannelWindow* window = policy.WindowFor(channel);
    ASSERT_NE(window, nullptr) << channel;
    EXPECT_EQ(window->days, AllowedDays::kEveryDay) << channel;
    EXPECT_EQ(window->until - window->from, hours{24}) << channel;
  }
  EXPECT_EQ(policy.WindowFor("pigeon"), nullptr);
  EXPECT_EQ(policy.Windows().size(), 6U);
}

TEST(QuietHoursTest, InsideTheWindowGoesOutAtOnce) {
  // Tuesday 10 March 2026, 09:00 CET.
  const Instant at = Utc("2026-03-10", 8);
  EXPECT_EQ(NextSms(at), "2026-03-10T09:00:00.000+01:00");
  EXPECT_EQ(*QuietHours::Default().IsAllowed(at, "sms", "NL", kAmsterdam), true);
  // The window's edges: 08:00 opens it, 19:59:59.999 is inside, 20:00 is outside.
  EXPECT_EQ(NextSms(Utc("2026-03-10", 7)), "2026-03-10T08:00:00.000+01:00");
  EXPECT_EQ(NextSms(Utc("2026-03-10", 18, 59) + minutes{1} - milliseconds{1}),
            "2026-03-10T19:59:59.999+01:00");
  EXPECT_EQ(NextSms(Utc("2026-03-10", 19)), "2026-03-11T08:00:00.000+01:00");
}

TEST(QuietHoursTest, EarlyMorningWaitsForEight) {
  // Tuesday 06:30 CET -> 08:00 the same day.
  EXPECT_EQ(NextSms(Utc("2026-03-10", 5, 30)), "2026-03-10T08:00:00.000+01:00");
  EXPECT_EQ(*QuietHours::Default().IsAllowed(Utc("2026-03-10", 5, 30), "sms", "NL", kAmsterdam),
            false);
}

TEST(QuietHoursTest, ReminderDueOnASundayGoesOutMonday0800) {
  // The engine issue's scenario rule: a step on Sunday 8 March 2026 (09:00 local, as a scenario
  // date means) for SMS goes out on Monday 9 March at 08:00 local time; 10:00 likewise.
  EXPECT_EQ(NextSms(Utc("2026-03-08", 8)), "2026-03-09T08:00:00.000+01:00");
  EXPECT_EQ(NextSms(Utc("2026-03-08", 9)), "2026-03-09T08:00:00.000+01:00");
  EXPECT_EQ(*QuietHours::Default().NextAllowedMoment(Utc("2026-03-08", 9), "sms", "NL", kAmsterdam),
            Utc("2026-03-09", 7));
}

TEST(QuietHoursTest, FridayEveningWaitsForMonday) {
  // Friday 6 March 2026, 21:00 CET.
  EXPECT_EQ(NextSms(Utc("2026-03-06", 20)), "2026-03-09T08:00:00.000+01:00");
  // Saturday noon likewise.
  EXPECT_EQ(NextSms(Utc("2026-03-07", 11)), "2026-03-09T08:00:00.000+01:00");
}

TEST(QuietHoursTest, HolidayMondayWaitsForTuesday) {
  // Koningsdag is Monday 27 April 2026: Friday 21:00, Sunday and Koningsdag itself -> Tuesday.
  EXPECT_EQ(NextSms(Utc("2026-04-24", 19)), "2026-04-28T08:00:00.000+02:00");
  EXPECT_EQ(NextSms(Utc("2026-04-26", 8)), "2026-04-28T08:00:00.000+02:00");
  EXPECT_EQ(NextSms(Utc("2026-04-27", 10)), "2026-04-28T08:00:00.000+02:00");
  // Tweede Paasdag, Monday 6 April 2026, after Goede Vrijdag: Thursday 20:30 -> Tuesday.
  EXPECT_EQ(NextSms(Utc("2026-04-02", 18, 30)), "2026-04-07T08:00:00.000+02:00");
}

TEST(QuietHoursTest, DaylightSavingTimeStartWeekend) {
  // Summer time starts Sunday 29 March 2026 at 02:00 CET. A Saturday noon (CET, +01:00) SMS goes
  // out on Monday 30 March 08:00 CEST, which is 06:00 UTC, not 07:00.
  const Instant saturday = Utc("2026-03-28", 11);
  EXPECT_EQ(NextSms(saturday), "2026-03-30T08:00:00.000+02:00");
  EXPECT_EQ(*QuietHours::Default().NextAllowedMoment(saturday, "sms", "NL", kAmsterdam),
            Utc("2026-03-30", 6));
  // Friday 27 March 20:30 CET likewise.
  EXPECT_EQ(*QuietHours::Default().NextAllowedMoment(Utc("2026-03-27", 19, 30), "whatsapp", "NL",
                                                     kAmsterdam),
            Utc("2026-03-30", 6));
}

TEST(QuietHoursTest, DaylightSavingTimeEndWeekend) {
  // Winter time starts Sunday 25 October 2026 at 03:00 CEST. Saturday noon (CEST) -> Monday 26
  // October 08:00 CET, which is 07:00 UTC.
  EXPECT_EQ(NextSms(Utc("2026-10-24", 10)), "2026-10-26T08:00:00.000+01:00");
  EXPECT_EQ(
      *QuietHours::Default().NextAllowedMoment(Utc("2026-10-24", 10), "sms", "NL", kAmsterdam),
      Utc("2026-10-26", 7));
}

TEST(QuietHoursTest, WindowOpeningInsideADstGapOrOverlap) {
  QuietHours policy = QuietHours::Default();
  ASSERT_TRUE(policy.Override({"sms", AllowedDays::kEveryDay, hours{2} + minutes{30}, hours{24}}));
  // 02:30 does not exist on 29 March 2026: the window opens when the clock jumps to 03:00 CEST.
  EXPECT_EQ(NextSms(Utc("2026-03-28", 23), policy), "2026-03-29T03:00:00.000+02:00");
  // 02:30 happens twice on 25 October 2026. From midnight CEST the first one counts...
  EXPECT_EQ(*policy.NextAllowedMoment(Utc("2026-10-24", 22), "sms", "NL", kAmsterdam),
            Utc("2026-10-25", 0, 30));
  // ...and from 02:10 CET (the second pass, 01:10 UTC) the second one.
  EXPECT_EQ(*policy.NextAllowedMoment(Utc("2026-10-25", 1, 10), "sms", "NL", kAmsterdam),
            Utc("2026-10-25", 1, 30));
}

TEST(QuietHoursTest, EmailAndLetterAnyTime) {
  const QuietHours policy = QuietHours::Default();
  for (const char* channel : {"email", "letter"}) {
    for (Instant at : {Utc("2026-03-08", 2), Utc("2026-04-27", 22, 59), Utc("2026-12-25", 12)}) {
      Result<Instant> next = policy.NextAllowedMoment(at, channel, "NL", kAmsterdam);
      ASSERT_TRUE(next.has_value()) << channel;
      EXPECT_EQ(*next, at) << channel;
    }
  }
}

TEST(QuietHoursTest, CountryDecidesTheHolidays) {
  const QuietHours policy = QuietHours::Default();
  // Koningsdag is a Dutch holiday only; Brussels is on the same offset.
  const Instant kings_day = Utc("2026-04-27", 8);
  EXPECT_EQ(*policy.NextAllowedMoment(kings_day, "voice", "BE", "Europe/Brussels"), kings_day);
  EXPECT_EQ(*policy.NextAllowedMoment(kings_day, "voice", "DE", "Europe/Berlin"), kings_day);
  // Nationale feestdag, Tuesday 21 July 2026, 10:00 CEST -> Wednesday 08:00 in Belgium.
  EXPECT_EQ(FormatInstant(*policy.NextAllowedMoment(Utc("2026-07-21", 8), "call_task", "BE",
                                                    "Europe/Brussels"),
                          "Europe/Brussels"),
            "2026-07-22T08:00:00.000+02:00");
  // The zone decides the hours: 08:00 Lisbon (UTC+0 in winter) is 09:00 in Amsterdam.
  EXPECT_EQ(*policy.NextAllowedMoment(Utc("2026-03-10", 6), "sms", "PT", "Europe/Lisbon"),
            Utc("2026-03-10", 8));
}

TEST(QuietHoursTest, MondayToSaturdayPolicy) {
  QuietHours policy = QuietHours::Default();
  ASSERT_TRUE(policy.Override({"sms", AllowedDays::kNotSundayOrHoliday, hours{8}, hours{20}}));
  EXPECT_EQ(policy.Windows().size(), 6U);  // replaced, not added
  EXPECT_EQ(NextSms(Utc("2026-03-07", 11), policy), "2026-03-07T12:00:00.000+01:00");  // Saturday
  EXPECT_EQ(NextSms(Utc("2026-03-07", 19), policy), "2026-03-09T08:00:00.000+01:00");
  // Koningsdag 2025 is Saturday 26 April: Friday evening -> Monday 28 April.
  EXPECT_EQ(NextSms(Utc("2025-04-25", 19), policy), "2025-04-28T08:00:00.000+02:00");
}

TEST(QuietHoursTest, ErrorsNameTheField) {
  const QuietHours policy = QuietHours::Default();
  Result<Instant> unknown_channel =
      policy.NextAllowedMoment(Utc("2026-03-10", 8), "pigeon", "NL", kAmsterdam);
  ASSERT_FALSE(unknown_channel.has_value());
  EXPECT_EQ(unknown_channel.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(unknown_channel.error().fields.size(), 1U);
  EXPECT_EQ(unknown_channel.error().fields[0].field, "/channel");

  Result<Instant> unknown_zone =
      policy.NextAllowedMoment(Utc("2026-03-10", 8), "sms", "NL", "Mars/Olympus");
  ASSERT_FALSE(unknown_zone.has_value());
  ASSERT_EQ(unknown_zone.error().fields.size(), 1U);
  EXPECT_EQ(unknown_zone.error().fields[0].field, "/time_zone");
  EXPECT_FALSE(policy.IsAllowed(Utc("2026-03-10", 8), "sms", "NL", "Mars/Olympus").has_value());
}

TEST(QuietHoursTest, MakeChecksEveryWindow) {
  Result<QuietHours> made = QuietHours::Make({
      {"sms", AllowedDays::kWorkingDays, hours{8}, hours{20}},
      {"sms", AllowedDays::kEveryDay, hours{0}, hours{24}},
      {"voice", AllowedDays::kWorkingDays, hours{20}, hours{8}},
      {"email", AllowedDays::kEveryDay, hours{0}, hours{25}},
      {"", AllowedDays::kEveryDay, minutes{-1}, hours{24}},
  });
  ASSERT_FALSE(made.has_value());
  EXPECT_EQ(made.error().code, ErrorCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const FieldError& fault : made.error().fields) {
    fields.push_back(fault.field);
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"/1/channel", "/2/until", "/3/until", "/4/channel",
                                              "/4/from"}));

  Result<QuietHours> good =
      QuietHours::Make({{"sms", AllowedDays::kEveryDay, hours{9}, hours{17}}});
  ASSERT_TRUE(good.has_value());
  EXPECT_EQ(*good->NextAllowedMoment(Utc("2026-03-08", 6), "sms", "NL", kAmsterdam),
            Utc("2026-03-08", 8));  // a Sunday, 09:00 CET
  EXPECT_EQ(good->WindowFor("email"), nullptr);
}

TEST(QuietHoursTest, OverrideRefusesABadWindowAndKeepsThePolicy) {
  QuietHours policy = QuietHours::Default();
  Status refused = policy.Override({"sms", AllowedDays::kEveryDay, hours{21}, hours{9}});
  ASSERT_FALSE(refused.ok());
  ASSERT_EQ(refused.error().fields.size(), 1U);
  EXPECT_EQ(refused.error().fields[0].field, "/until");
  EXPECT_EQ(policy.WindowFor("sms")->from, hours{8});

  ASSERT_TRUE(policy.Override({"fax", AllowedDays::kWorkingDays, hours{9}, hours{17}}));
  ASSERT_NE(policy.WindowFor("fax"), nullptr);
  EXPECT_EQ(policy.Windows().size(), 7U);
}

}  // namespace
}  // namespace duly
