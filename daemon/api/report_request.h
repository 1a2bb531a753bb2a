// duly::daemon::ReportRequest: the query of a /v1/reports/... call, read and checked.
//
// Promise: ReadReportRequest() reads as_of, from, to (each exactly YYYY-MM-DD naming a real day),
// limit (1..1000, default 100) and the format (?format=json|csv, else Accept: text/csv asks for
// CSV, else JSON). as_of defaults to today in `time_zone`; the period's last day `to` defaults to
// as_of, its first day `from` to the first of to's month; as_of and to given with different days
// is an error (a period report is as of its last day). Every error is kInvalidArgument naming
// the parameter ("as_of", "from", "to", "limit", "format") and what was wrong with its value.
// Pure given `today`; thread-safe.
#pragma once

#include <string>

#include "daemon/http/http_types.h"
#include "workflows/calendar_date.h"
#include "workflows/reports/receivables_kpis.h"
#include "workflows/status.h"

namespace duly::daemon {

struct ReportRequest {
  CalendarDate as_of{};
  ReportPeriod period;
  int limit = 100;
  bool csv = false;
};

Result<ReportRequest> ReadReportRequest(const HttpRequest& request, CalendarDate today);

// The instant local midnight of `day` in `zone` starts. REQUIRES: IsKnownTimeZone(zone).
Instant StartOfDay(CalendarDate day, const std::string& zone);

}  // namespace duly::daemon
