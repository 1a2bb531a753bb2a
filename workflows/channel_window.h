// duly::ChannelWindow: when one channel may contact a debtor (one row of the quiet-hours policy).
//
// Promise: plain data. A window allows contact on the days `days` selects, from local time `from`
// (inclusive) to local time `until` (exclusive), both counted from local midnight in the debtor's
// time zone; 00:00-24:00 means the whole day. QuietHours::Make checks 0 <= from < until <= 24h.
// Copyable, not synchronised.
#pragma once

#include <chrono>
#include <string>

namespace duly {

// Which days a channel may be used on, judged by the debtor's country calendar.
enum class AllowedDays {
  kEveryDay,            // any day, weekends and holidays included
  kWorkingDays,         // Monday to Friday, not on a public holiday
  kNotSundayOrHoliday,  // Monday to Saturday, not on a public holiday (the Bki norm, RULES §8.4)
};

struct ChannelWindow {
  std::string channel;  // "sms", "whatsapp", "voice", "call_task", "email", "letter", ...
  AllowedDays days = AllowedDays::kWorkingDays;
  std::chrono::minutes from{0};         // local time of day the window opens
  std::chrono::minutes until{24 * 60};  // local time of day the window closes (exclusive)
  friend bool operator==(const ChannelWindow&, const ChannelWindow&) = default;
};

}  // namespace duly
