#include "daemon/api/report_request.h"

#include <charconv>
#include <optional>

#include <date/tz.h>

namespace duly::daemon {
namespace {

Result<std::optional<CalendarDate>> DayParam(const HttpRequest& request, const char* name) {
  auto found = request.query.find(name);
  if (found == request.query.end()) return std::optional<CalendarDate>();
  Result<CalendarDate> day = ParseCalendarDate(found->second);
  if (!day) {
    return FieldInvalid(
        name, "must be a date YYYY-MM-DD naming a real day; it is \"" + found->second + "\"");
  }
  return std::optional<CalendarDate>(*day);
}

}  // namespace

Result<ReportRequest> ReadReportRequest(const HttpRequest& request, CalendarDate today) {
  ReportRequest report;
  Result<std::optional<CalendarDate>> as_of = DayParam(request, "as_of");
  if (!as_of) return std::move(as_of).error();
  Result<std::optional<CalendarDate>> from = DayParam(request, "from");
  if (!from) return std::move(from).error();
  Result<std::optional<CalendarDate>> to = DayParam(request, "to");
  if (!to) return std::move(to).error();
  if (*as_of && *to && **as_of != **to) {
    return FieldInvalid("as_of", "names the period's last day, so it must equal to (" +
                                     FormatCalendarDate(**to) + ") when both are given");
  }
  report.as_of = as_of->value_or(to->value_or(today));
  report.period.to = to->value_or(report.as_of);
  report.period.from = from->value_or(FirstOfMonth(report.period.to));
  if (Status period = CheckPeriod(report.period); !period) return std::move(period).error();
  if (auto limit = request.query.find("limit"); limit != request.query.end()) {
    const std::string& text = limit->second;
    int value = 0;
    auto [end, problem] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || problem != std::errc() || end != text.data() + text.size() || value < 1 ||
        value > 1000) {
      return FieldInvalid("limit", "must be a whole number from 1 to 1000; it is \"" + text + "\"");
    }
    report.limit = value;
  }
  if (auto format = request.query.find("format"); format != request.query.end()) {
    if (format->second != "json" && format->second != "csv") {
      return FieldInvalid("format", "must be json or csv; it is \"" + format->second + "\"");
    }
    report.csv = format->second == "csv";
  } else {
    report.csv = request.Header("accept").find("text/csv") != std::string::npos;
  }
  return report;
}

Instant StartOfDay(CalendarDate day, const std::string& zone) {
  const auto zoned =
      date::make_zoned(zone, date::local_days(day.time_since_epoch()), date::choose::earliest);
  return std::chrono::time_point_cast<std::chrono::milliseconds>(zoned.get_sys_time());
}

}  // namespace duly::daemon
