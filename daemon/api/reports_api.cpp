// GET /v1/reports/aging, /dso, /kpis, /channels, /collectors and /dashboard: the receivables and
// activity reports (workflows/reports) as JSON or CSV, for a period and as of any day. The
// figures come from ApiContext::reports (null: 503); the conventions are those of
// workflows/reports/*.h and are named in each answer.
#include <cmath>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "daemon/api/api_response.h"
#include "daemon/api/report_request.h"
#include "daemon/api/resource_routes.h"
#include "daemon/csv/csv_writer.h"
#include "workflows/reports/dso_trend.h"
#include "workflows/reports/receivables_kpis.h"
#include "workflows/reports/report_store.h"

namespace duly::daemon {
namespace {

using nlohmann::json;

// Messages and calls count as followed by payment within this window.
constexpr auto kFollowUpWindow = std::chrono::milliseconds(std::chrono::days(7));

json Rounded(std::optional<double> value, double scale) {
  if (!value || !std::isfinite(*value)) return nullptr;
  return std::round(*value * scale) / scale;
}
json Days(std::optional<double> value) { return Rounded(value, 100); }
json Ratio(std::optional<double> value) { return Rounded(value, 10000); }
std::string Text(const json& value) { return value.is_null() ? "" : value.dump(); }

json BucketsJson(const AgingBuckets& buckets) {
  json out = json::object();
  for (int i = 0; i < kAgingBucketCount; ++i) {
    out[AgingBucketName(static_cast<AgingBucket>(i))] =
        buckets[static_cast<AgingBucket>(i)].ToString();
  }
  out["total"] = buckets.Total().ToString();
  return out;
}

std::vector<std::string> BucketCells(const AgingBuckets& buckets) {
  std::vector<std::string> cells;
  for (Money amount : buckets.amounts) cells.push_back(amount.ToString());
  cells.push_back(buckets.Total().ToString());
  return cells;
}

json PeriodJson(const ReportPeriod& period) {
  return {{"from", FormatCalendarDate(period.from)},
          {"to", FormatCalendarDate(period.to)},
          {"days", period.days()}};
}

HttpResponse CsvBody(CsvWriter& csv, const std::string& name) {
  HttpResponse response;
  response.content_type = "text/csv; charset=utf-8";
  response.body = csv.Take();
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
  return response;
}

// Reads the query and checks the store is there; on failure `error` holds the answer.
struct Call {
  std::optional<ReportRequest> request;
  std::optional<HttpResponse> error;
};

Call Begin(const ApiContext& context, const RouteContext& route) {
  Call call;
  if (context.reports == nullptr) {
    call.error = ErrorResponse(Unavailable("the reports are not set up in this daemon"));
    return call;
  }
  Result<ReportRequest> request =
      ReadReportRequest(route.request, LocalDay(context.clock.Now(), context.time_zone));
  if (!request) {
    call.error = ErrorResponse(request.error());
    return call;
  }
  call.request = *request;
  return call;
}

HttpResponse Aging(const ApiContext& context, const ReportRequest& request) {
  Result<AgingBuckets> totals = context.reports->AgingTotals(request.as_of);
  if (!totals) return ErrorResponse(totals.error());
  Result<std::vector<CustomerAging>> customers =
      context.reports->AgingByCustomer(request.as_of, request.limit);
  if (!customers) return ErrorResponse(customers.error());
  if (request.csv) {
    CsvWriter csv;
    csv.AddRow(std::vector<std::string_view>{"customer", "name", "not_due", "1_30", "31_60",
                                             "61_90", "over_90", "total"});
    for (const CustomerAging& row : *customers) {
      std::vector<std::string> cells = {row.customer, row.name};
      for (std::string& cell : BucketCells(row.buckets)) cells.push_back(std::move(cell));
      csv.AddRow(cells);
    }
    std::vector<std::string> total = {"", "total"};
    for (std::string& cell : BucketCells(*totals)) total.push_back(std::move(cell));
    csv.AddRow(total);
    return CsvBody(csv, "aging-" + FormatCalendarDate(request.as_of));
  }
  json rows = json::array();
  for (const CustomerAging& row : *customers) {
    rows.push_back(
        {{"customer", row.customer}, {"name", row.name}, {"buckets", BucketsJson(row.buckets)}});
  }
  return JsonBody({{"as_of", FormatCalendarDate(request.as_of)},
                   {"basis", "due_date"},
                   {"totals", BucketsJson(*totals)},
                   {"customers", rows}});
}

Result<ReceivablesKpis> Kpis(const ApiContext& context, const ReportRequest& request) {
  const ReportPeriod& period = request.period;
  Result<ReceivablesLedger> ledger = context.reports->Ledger(KpiLedgerRange(period));
  if (!ledger) return std::move(ledger).error();
  Result<AgingBuckets> ending = context.reports->AgingTotals(period.to);
  if (!ending) return std::move(ending).error();
  Result<std::vector<MonthAmount>> cash = context.reports->CashCollected(period.from, period.to);
  if (!cash) return std::move(cash).error();
  Result<PromiseTally> promises = context.reports->Promises(period.from, period.to);
  if (!promises) return std::move(promises).error();
  Money collected;
  for (const MonthAmount& month : *cash) collected += month.amount;
  return ComputeKpis(period, *ledger, (*ending)[AgingBucket::kNotDue], collected, *promises);
}

json KpisJson(const ReceivablesKpis& kpis) {
  return {{"period", PeriodJson(kpis.period)},
          {"beginning_ar", kpis.beginning_ar.ToString()},
          {"ending_ar", kpis.ending_ar.ToString()},
          {"ending_current_ar", kpis.ending_current_ar.ToString()},
          {"credit_sales", kpis.credit_sales.ToString()},
          {"cash_collected", kpis.cash_collected.ToString()},
          {"dso_standard", Days(kpis.dso_standard)},
          {"dso_count_back", Days(kpis.dso_count_back.days)},
          {"dso_count_back_exhausted", kpis.dso_count_back.exhausted},
          {"best_possible_dso", Days(kpis.best_possible_dso)},
          {"average_days_delinquent", Days(kpis.average_days_delinquent)},
          {"cei", Days(kpis.cei)},
          {"cei_convention", CeiConventionName(kReportCeiConvention)},
          {"promises",
           {{"kept", kpis.promises.kept},
            {"broken", kpis.promises.broken},
            {"open", kpis.promises.open},
            {"cancelled", kpis.promises.cancelled}}},
          {"promise_kept_ratio", Ratio(kpis.promise_kept_ratio)}};
}

HttpResponse KpisAnswer(const ApiContext& context, const ReportRequest& request, bool dso_only) {
  Result<ReceivablesKpis> kpis = Kpis(context, request);
  if (!kpis) return ErrorResponse(kpis.error());
  json body = KpisJson(*kpis);
  if (dso_only) {
    body = {{"period", body["period"]},
            {"ending_ar", body["ending_ar"]},
            {"credit_sales", body["credit_sales"]},
            {"dso_standard", body["dso_standard"]},
            {"dso_count_back", body["dso_count_back"]},
            {"dso_count_back_exhausted", body["dso_count_back_exhausted"]},
            {"count_back_months", kCountBackMonths}};
  }
  if (!request.csv) return JsonBody(body);
  CsvWriter csv;
  csv.AddRow(std::vector<std::string_view>{"figure", "value"});
  for (const auto& [name, value] : body.items()) {
    if (value.is_object()) {
      for (const auto& [part, inner] : value.items()) {
        csv.AddRow(std::vector<std::string>{
            name + "." + part, inner.is_string() ? inner.get<std::string>() : Text(inner)});
      }
    } else {
      csv.AddRow(std::vector<std::string>{
          name, value.is_string() ? value.get<std::string>() : Text(value)});
    }
  }
  return CsvBody(csv,
                 std::string(dso_only ? "dso-" : "kpis-") + FormatCalendarDate(request.period.to));
}

HttpResponse Channels(const ApiContext& context, const ReportRequest& request) {
  Result<std::vector<ChannelTally>> rows = context.reports->Channels(
      StartOfDay(request.period.from, context.time_zone),
      StartOfDay(request.period.to + date::days(1), context.time_zone), kFollowUpWindow);
  if (!rows) return ErrorResponse(rows.error());
  const std::vector<ChannelTally> channels = ByChannel(*rows);
  if (request.csv) {
    CsvWriter csv;
    csv.AddRow(std::vector<std::string_view>{"channel", "template", "messages",
                                             "followed_by_payment", "share"});
    const std::vector<ChannelTally>& by_template = *rows;
    for (const std::vector<ChannelTally>* list : {&channels, &by_template}) {
      for (const ChannelTally& row : *list) {
        csv.AddRow(
            std::vector<std::string>{row.channel, row.template_id, std::to_string(row.messages),
                                     std::to_string(row.followed_by_payment),
                                     Text(Ratio(Share(row.followed_by_payment, row.messages)))});
      }
    }
    return CsvBody(csv, "channels-" + FormatCalendarDate(request.period.to));
  }
  auto list = [](const std::vector<ChannelTally>& tallies, bool with_template) {
    json out = json::array();
    for (const ChannelTally& row : tallies) {
      json item = {{"channel", row.channel},
                   {"messages", row.messages},
                   {"followed_by_payment", row.followed_by_payment},
                   {"share", Ratio(Share(row.followed_by_payment, row.messages))}};
      if (with_template) item["template"] = row.template_id;
      out.push_back(item);
    }
    return out;
  };
  return JsonBody({{"period", PeriodJson(request.period)},
                   {"window_days", 7},
                   {"by_channel", list(channels, false)},
                   {"by_template", list(*rows, true)}});
}

HttpResponse Collectors(const ApiContext& context, const ReportRequest& request) {
  Result<std::vector<CollectorTally>> rows = context.reports->Collectors(
      StartOfDay(request.period.from, context.time_zone),
      StartOfDay(request.period.to + date::days(1), context.time_zone), kFollowUpWindow);
  if (!rows) return ErrorResponse(rows.error());
  if (request.csv) {
    CsvWriter csv;
    csv.AddRow(std::vector<std::string_view>{"collector", "tasks_completed", "promises_obtained",
                                             "collected_after_calls", "outcomes"});
    for (const CollectorTally& row : *rows) {
      std::string outcomes;
      for (const auto& [outcome, count] : row.outcomes) {
        outcomes += (outcomes.empty() ? "" : " ") + outcome + "=" + std::to_string(count);
      }
      csv.AddRow(std::vector<std::string>{row.collector, std::to_string(row.tasks_completed),
                                          std::to_string(row.promises_obtained),
                                          row.collected_after_calls.ToString(), outcomes});
    }
    return CsvBody(csv, "collectors-" + FormatCalendarDate(request.period.to));
  }
  json collectors = json::array();
  for (const CollectorTally& row : *rows) {
    collectors.push_back({{"collector", row.collector},
                          {"tasks_completed", row.tasks_completed},
                          {"outcomes", row.outcomes},
                          {"promises_obtained", row.promises_obtained},
                          {"collected_after_calls", row.collected_after_calls.ToString()}});
  }
  return JsonBody(
      {{"period", PeriodJson(request.period)}, {"window_days", 7}, {"collectors", collectors}});
}

HttpResponse Dashboard(const ApiContext& context, const ReportRequest& request) {
  const CalendarDate as_of = request.as_of;
  Result<ReceivablesLedger> ledger = context.reports->Ledger(TrendLedgerRange(as_of, kTrendMonths));
  if (!ledger) return ErrorResponse(ledger.error());
  Result<AgingBuckets> aging = context.reports->AgingTotals(as_of);
  if (!aging) return ErrorResponse(aging.error());
  Result<std::vector<MonthAmount>> cash =
      context.reports->CashCollected(MonthsBefore(as_of, kTrendMonths - 1), as_of);
  if (!cash) return ErrorResponse(cash.error());
  Result<CaseDeadlines> cases = context.reports->OpenCasesByDeadline(context.clock.Now());
  if (!cases) return ErrorResponse(cases.error());
  const std::vector<DsoPoint> trend = DsoTrend(*ledger, as_of, kTrendMonths);
  std::map<std::string, Money> cash_by_month;
  for (const MonthAmount& month : *cash) cash_by_month[month.month] = month.amount;
  if (request.csv) {
    CsvWriter csv;
    csv.AddRow(std::vector<std::string_view>{"month", "day", "ar", "credit_sales", "dso_standard",
                                             "dso_count_back", "cash_collected"});
    for (const DsoPoint& point : trend) {
      csv.AddRow(std::vector<std::string>{
          MonthText(point.day), FormatCalendarDate(point.day), point.ar.ToString(),
          point.sales.ToString(), Text(Days(point.dso_standard)),
          Text(Days(point.dso_count_back.days)), cash_by_month[MonthText(point.day)].ToString()});
    }
    return CsvBody(csv, "dashboard-" + FormatCalendarDate(as_of));
  }
  json months = json::array();
  for (const DsoPoint& point : trend) {
    months.push_back({{"month", MonthText(point.day)},
                      {"day", FormatCalendarDate(point.day)},
                      {"ar", point.ar.ToString()},
                      {"credit_sales", point.sales.ToString()},
                      {"dso_standard", Days(point.dso_standard)},
                      {"dso_count_back", Days(point.dso_count_back.days)},
                      {"cash_collected", cash_by_month[MonthText(point.day)].ToString()}});
  }
  return JsonBody({{"as_of", FormatCalendarDate(as_of)},
                   {"months", months},
                   {"aging", BucketsJson(*aging)},
                   {"open_cases_by_deadline",
                    {{"overdue", cases->overdue},
                     {"within_day", cases->within_day},
                     {"within_week", cases->within_week},
                     {"later", cases->later}}}});
}

}  // namespace

void AddReportRoutes(Router& router, const SharedApiContext& context) {
  const std::set<Role> readers = {Role::kAdmin, Role::kManager};
  auto add = [&](const char* path,
                 std::function<HttpResponse(const ApiContext&, const ReportRequest&)> report) {
    router.Add("GET", path, readers, [context, report](const RouteContext& route) {
      Call call = Begin(*context, route);
      if (call.error) return *call.error;
      return report(*context, *call.request);
    });
  };
  add("/v1/reports/aging", Aging);
  add("/v1/reports/dso",
      [](const ApiContext& c, const ReportRequest& r) { return KpisAnswer(c, r, true); });
  add("/v1/reports/kpis",
      [](const ApiContext& c, const ReportRequest& r) { return KpisAnswer(c, r, false); });
  add("/v1/reports/channels", Channels);
  add("/v1/reports/collectors", Collectors);
  add("/v1/reports/dashboard", Dashboard);
}

}  // namespace duly::daemon
