#include "workflows/quiet_hours.h"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>

#include <date/tz.h>

#include "workflows/business_calendar.h"

namespace duly {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

constexpr minutes kWholeDay = hours{24};
// Longest run of days without an allowed day that a sane policy can produce; the search gives up
// (with an internal error) after this many days instead of looping for ever.
constexpr int kSearchDays = 400;

ChannelWindow Window(std::string channel, AllowedDays days, minutes from, minutes until) {
  return ChannelWindow{std::move(channel), days, from, until};
}

// Appends the faults of `window` to `faults`, their fields prefixed with `prefix` ("/3" or "").
void CheckWindow(const ChannelWindow& window, const std::string& prefix,
                 std::vector<FieldError>& faults) {
  if (window.channel.empty()) {
    faults.push_back({prefix + "/channel", "must name a channel"});
  }
  if (window.from < minutes{0}) {
    faults.push_back({prefix + "/from", "must be 00:00 or later"});
  }
  if (window.until > kWholeDay) {
    faults.push_back({prefix + "/until", "must be 24:00 or earlier"});
  }
  if (window.from >= window.until) {
    faults.push_back({prefix + "/until", "must be later than from"});
  }
}

bool DayAllowed(AllowedDays days, const BusinessCalendar& calendar, CalendarDate day) {
  switch (days) {
    case AllowedDays::kEveryDay:
      return true;
    case AllowedDays::kWorkingDays:
      return calendar.IsWorkingDay(day);
    case AllowedDays::kNotSundayOrHoliday:
      return date::weekday{day} != date::Sunday && !calendar.IsHoliday(day);
  }
  return false;
}

// The instant the local time `opening` first occurs at or after `at`'s side of a DST change:
// a skipped local time maps to the end of the gap, a repeated one to its first occurrence unless
// that lies before `at`.
Instant OpeningInstant(const date::time_zone& zone, date::local_time<minutes> opening, Instant at) {
  const date::local_info info = zone.get_info(opening);
  switch (info.result) {
    case date::local_info::unique:
      return Instant{opening.time_since_epoch() - info.first.offset};
    case date::local_info::nonexistent:
      return Instant{info.first.end};
    case date::local_info::ambiguous: {
      const Instant earliest{opening.time_since_epoch() - info.first.offset};
      if (earliest >= at) {
        return earliest;
      }
      return Instant{opening.time_since_epoch() - info.second.offset};
    }
  }
  return Instant{opening.time_since_epoch() - info.first.offset};
}

}  // namespace

QuietHours QuietHours::Default() {
  const minutes eight = hours{8};
  const minutes twenty = hours{20};
  return QuietHours({
      Window("sms", AllowedDays::kWorkingDays, eight, twenty),
      Window("whatsapp", AllowedDays::kWorkingDays, eight, twenty),
      Window("voice", AllowedDays::kWorkingDays, eight, twenty),
      Window("call_task", AllowedDays::kWorkingDays, eight, twenty),
      Window("email", AllowedDays::kEveryDay, minutes{0}, kWholeDay),
      Window("letter", AllowedDays::kEveryDay, minutes{0}, kWholeDay),
  });
}

Result<QuietHours> QuietHours::Make(std::vector<ChannelWindow> windows) {
  std::vector<FieldError> faults;
  std::set<std::string, std::less<>> seen;
  for (std::size_t i = 0; i < windows.size(); ++i) {
    const std::string prefix = "/" + std::to_string(i);
    CheckWindow(windows[i], prefix, faults);
    if (!windows[i].channel.empty() && !seen.insert(windows[i].channel).second) {
      faults.push_back(
          {prefix + "/channel", "channel \"" + windows[i].channel + "\" already has a window"});
    }
  }
  if (!faults.empty()) {
    return InvalidArgument("quiet hours policy is invalid", std::move(faults));
  }
  return QuietHours(std::move(windows));
}

Status QuietHours::Override(ChannelWindow window) {
  std::vector<FieldError> faults;
  CheckWindow(window, "", faults);
  if (!faults.empty()) {
    return InvalidArgument("quiet hours window for \"" + window.channel + "\" is invalid",
                           std::move(faults));
  }
  auto existing = std::find_if(windows_.begin(), windows_.end(),
                               [&](const ChannelWindow& w) { return w.channel == window.channel; });
  if (existing != windows_.end()) {
    *existing = std::move(window);
  } else {
    windows_.push_back(std::move(window));
  }
  return Status::Ok();
}

const ChannelWindow* QuietHours::WindowFor(std::string_view channel) const {
  auto found = std::find_if(windows_.begin(), windows_.end(),
                            [&](const ChannelWindow& w) { return w.channel == channel; });
  return found == windows_.end() ? nullptr : &*found;
}

Result<Instant> QuietHours::NextAllowedMoment(Instant at, std::string_view channel,
                                              std::string_view country,
                                              std::string_view time_zone) const {
  const ChannelWindow* window = WindowFor(channel);
  if (window == nullptr) {
    return FieldInvalid("/channel",
                        "channel \"" + std::string(channel) + "\" has no quiet-hours window");
  }
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(time_zone);
  } catch (const std::runtime_error& error) {
    return FieldInvalid("/time_zone", "\"" + std::string(time_zone) +
                                          "\" is not a known time zone: " + error.what());
  }
  const BusinessCalendar calendar{std::string(country)};
  const date::local_time<std::chrono::milliseconds> local = zone->to_local(at);
  const date::local_days today = date::floor<date::days>(local);
  const std::chrono::milliseconds time_of_day = local - today;

  for (int offset = 0; offset < kSearchDays; ++offset) {
    const date::local_days day = today + date::days{offset};
    if (!DayAllowed(window->days, calendar, CalendarDate{day.time_since_epoch()})) {
      continue;
    }
    if (offset == 0) {
      if (time_of_day >= window->until) {
        continue;
      }
      if (time_of_day >= window->from) {
        return at;
      }
    }
    return OpeningInstant(*zone, day + window->from, at);
  }
  return InternalError("no allowed moment for channel \"" + std::string(channel) + "\" within " +
                       std::to_string(kSearchDays) + " days of " + FormatInstantUtc(at));
}

Result<bool> QuietHours::IsAllowed(Instant at, std::string_view channel, std::string_view country,
                                   std::string_view time_zone) const {
  Result<Instant> next = NextAllowedMoment(at, channel, country, time_zone);
  if (!next) {
    return std::move(next).error();
  }
  return *next == at;
}

}  // namespace duly
