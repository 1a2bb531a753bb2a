// duly::QuietHours: the policy of when each channel may contact a debtor, and the next moment it
// may.
//
// Promise: a QuietHours holds one ChannelWindow per channel. Default() is the engine's policy:
// sms, whatsapp, voice and call_task 08:00-20:00 local time on working days; email and letter any
// day, any time. Callers override it with Make() (a whole table) or Override() (one channel).
// NextAllowedMoment returns `at` when the channel may be used then, else the first instant the
// channel's window opens afterwards, in the debtor's time zone and country calendar. Local times
// become instants through the zone's rules of that very day, so 08:00 after a DST change carries
// the new offset; a window opening inside a skipped hour opens at the end of the gap.
// Const methods are pure and safe from any thread; the mutator Override is not synchronised.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

#include "workflows/calendar_date.h"
#include "workflows/channel_window.h"
#include "workflows/status.h"

namespace duly {

class QuietHours {
 public:
  // The default policy described above.
  static QuietHours Default();

  // A policy of exactly `windows`. Errors (kInvalidArgument, one FieldError per fault, field
  // "/<index>/channel", "/<index>/from" or "/<index>/until"): an empty or duplicate channel name,
  // from < 00:00, until > 24:00, or from >= until.
  static Result<QuietHours> Make(std::vector<ChannelWindow> windows);

  // Replaces the window of `window.channel` or adds it. Errors as for Make, with fields
  // "/channel", "/from" and "/until"; on error the policy is unchanged.
  Status Override(ChannelWindow window);

  // The window of `channel`, or nullptr when the policy does not name it.
  const ChannelWindow* WindowFor(std::string_view channel) const;
  const std::vector<ChannelWindow>& Windows() const { return windows_; }

  // `at` when `channel` may contact a debtor in `country` (ISO alpha-2; holidays.h) living in
  // `time_zone` (IANA) at that instant, else the start of the next allowed window.
  // Errors: kInvalidArgument when `channel` is not in the policy (field "/channel") or
  // `time_zone` is not a known zone (field "/time_zone").
  Result<Instant> NextAllowedMoment(Instant at, std::string_view channel, std::string_view country,
                                    std::string_view time_zone) const;

  // True when NextAllowedMoment(at, ...) would return `at`. Errors as for NextAllowedMoment.
  Result<bool> IsAllowed(Instant at, std::string_view channel, std::string_view country,
                         std::string_view time_zone) const;

 private:
  explicit QuietHours(std::vector<ChannelWindow> windows) : windows_(std::move(windows)) {}

  std::vector<ChannelWindow> windows_;
};

}  // namespace duly
