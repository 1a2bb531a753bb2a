#include "daemon/api/iso_instant.h"

#include <chrono>
#include <string>

namespace duly::daemon {
namespace {

// Reads `count` digits at `at`; -1 when they are not all digits.
int Digits(std::string_view text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) return -1;
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

Result<Instant> ParseIsoInstant(std::string_view text) {
  const Error bad = InvalidArgument(
      "must be an ISO 8601 instant with an offset (\"2026-04-01T09:00:00+02:00\" or "
      "\"2026-04-01T07:00:00Z\"); it is \"" +
      std::string(text) + "\"");
  if (text.size() < 17 || text[10] != 'T' || text[13] != ':') return bad;
  Result<CalendarDate> day = ParseCalendarDate(text.substr(0, 10));
  if (!day) return bad;
  const int hours = Digits(text, 11, 2);
  const int minutes = Digits(text, 14, 2);
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return bad;
  std::size_t at = 16;
  int seconds = 0;
  int millis = 0;
  if (at < text.size() && text[at] == ':') {
    seconds = Digits(text, at + 1, 2);
    if (seconds < 0 || seconds > 59) return bad;
    at += 3;
    if (at < text.size() && text[at] == '.') {
      std::size_t digits = 0;
      ++at;
      while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
        if (digits < 3) millis = millis * 10 + (text[at] - '0');
        ++digits;
        ++at;
      }
      if (digits == 0) return bad;
      for (std::size_t i = digits; i < 3; ++i) millis *= 10;
    }
  }
  int offset_minutes = 0;
  if (at < text.size() && text[at] == 'Z') {
    ++at;
  } else if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
    const int sign = text[at] == '-' ? -1 : 1;
    const int offset_hours = Digits(text, at + 1, 2);
    const int offset_rest =
        at + 3 < text.size() && text[at + 3] == ':' ? Digits(text, at + 4, 2) : -1;
    if (offset_hours < 0 || offset_hours > 23 || offset_rest < 0 || offset_rest > 59) return bad;
    offset_minutes = sign * (offset_hours * 60 + offset_rest);
    at += 6;
  } else {
    return bad;
  }
  if (at != text.size()) return bad;
  return Instant(*day) + std::chrono::hours(hours) + std::chrono::minutes(minutes) +
         std::chrono::seconds(seconds) + std::chrono::milliseconds(millis) -
         std::chrono::minutes(offset_minutes);
}

}  // namespace duly::daemon
