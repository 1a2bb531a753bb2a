// /v1/reports/...: the figures of the fixed data set of daemon/store/report_sample.h, computed
// by hand (the invoices, payments and allocations are listed there), as JSON and CSV; the query
// parameters' errors; 503 without a report store.
#include <gtest/gtest.h>

#include "daemon/api/api_test_fixture.h"
#include "daemon/store/report_sample.h"

namespace duly::daemon {
namespace {

class ReportsApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    SeedReportSample(*store_, clock_);  // leaves the clock at 2026-03-31T12:00Z
  }
  nlohmann::json Get(const std::string& target) {
    HttpResponse response = Call("GET", target, tokens_.at(Role::kManager));
    EXPECT_EQ(response.status, 200) << target << ": " << response.body;
    return response.status == 200 ? Json(response) : nlohmann::json();
  }
};

TEST_F(ReportsApiTest, KpisForMarch) {
  const nlohmann::json kpis = Get("/v1/reports/kpis?from=2026-03-01&to=2026-03-31");
  EXPECT_EQ(kpis["beginning_ar"], "3250.00");  // A2 500, B1 2000, C1 500, C2 250 at 02-28
  EXPECT_EQ(kpis["ending_ar"], "2000.00");     // A2 400, B1 800, B2 300, C1 500
  EXPECT_EQ(kpis["ending_current_ar"], "300.00");
  EXPECT_EQ(kpis["credit_sales"], "300.00");                     // B2
  EXPECT_EQ(kpis["cash_collected"], "1200.00");                  // P2
  EXPECT_DOUBLE_EQ(kpis["dso_standard"].get<double>(), 206.67);  // 2000 / 300 x 31
  // March 300 (31 d), February 500 (28 d), then 1200 of January's 3250 (31 d).
  EXPECT_DOUBLE_EQ(kpis["dso_count_back"].get<double>(), 70.45);
  EXPECT_EQ(kpis["dso_count_back_exhausted"], true);
  EXPECT_DOUBLE_EQ(kpis["best_possible_dso"].get<double>(), 31.0);  // 300 / 300 x 31
  EXPECT_DOUBLE_EQ(kpis["average_days_delinquent"].get<double>(), 175.67);
  EXPECT_DOUBLE_EQ(kpis["cei"].get<double>(), 47.69);  // (3250 + 300 - 2000) / (3250 + 300 - 300)
  EXPECT_EQ(kpis["cei_convention"], "period_sales");
  EXPECT_EQ(kpis["promises"]["kept"], 2);
  EXPECT_DOUBLE_EQ(kpis["promise_kept_ratio"].get<double>(), 0.6667);
  // /dso is the same computation; as_of alone names the period's last day (from: the 1st).
  const nlohmann::json dso = Get("/v1/reports/dso?as_of=2026-03-31");
  EXPECT_EQ(dso["period"]["from"], "2026-03-01");
  EXPECT_DOUBLE_EQ(dso["dso_count_back"].get<double>(), 70.45);
  EXPECT_EQ(dso["count_back_months"], 12);
}

TEST_F(ReportsApiTest, AgingAsOfAPastDayAsJsonAndCsv) {
  const nlohmann::json aging = Get("/v1/reports/aging?as_of=2026-02-28&limit=2");
  EXPECT_EQ(aging["basis"], "due_date");
  EXPECT_EQ(aging["totals"], (nlohmann::json{{"not_due", "500.00"},
                                             {"1_30", "250.00"},
                                             {"31_60", "2000.00"},
                                             {"61_90", "0.00"},
                                             {"over_90", "500.00"},
                                             {"total", "3250.00"}}));
  ASSERT_EQ(aging["customers"].size(), 2u);
  EXPECT_EQ(aging["customers"][0]["customer"], "B");
  EXPECT_EQ(aging["customers"][1]["buckets"]["total"], "750.00");
  HttpResponse csv =
      Call("GET", "/v1/reports/aging?as_of=2026-03-31&format=csv", tokens_.at(Role::kAdmin));
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body,
            "customer,name,not_due,1_30,31_60,61_90,over_90,total\r\n"
            "B,Customer B,300.00,0.00,0.00,800.00,0.00,1100.00\r\n"
            "C,Customer C,0.00,0.00,0.00,0.00,500.00,500.00\r\n"
            "A,Customer A,0.00,400.00,0.00,0.00,0.00,400.00\r\n"
            ",total,300.00,400.00,0.00,800.00,500.00,2000.00\r\n");
}

TEST_F(ReportsApiTest, DashboardHasTwelveMonthsAgingAndCases) {
  const nlohmann::json board = Get("/v1/reports/dashboard");  // as of today: 2026-03-31
  ASSERT_EQ(board["months"].size(), 12u);
  const nlohmann::json& months = board["months"];
  EXPECT_EQ(months[0]["month"], "2025-04");
  EXPECT_EQ(months[6]["month"], "2025-10");
  EXPECT_EQ(months[6]["ar"], "0.00");
  EXPECT_EQ(months[6]["cash_collected"], "300.00");  // P3, before C1 was issued
  EXPECT_EQ(months[9]["ar"], "3750.00");             // 2026-01-31
  EXPECT_EQ(months[9]["credit_sales"], "3250.00");
  EXPECT_DOUBLE_EQ(months[9]["dso_standard"].get<double>(), 35.77);  // 3750 / 3250 x 31
  EXPECT_EQ(months[10]["ar"], "3250.00");
  EXPECT_EQ(months[10]["cash_collected"], "1000.00");
  EXPECT_EQ(months[11]["day"], "2026-03-31");
  EXPECT_EQ(months[11]["ar"], "2000.00");
  EXPECT_EQ(board["aging"]["total"], "2000.00");
  EXPECT_EQ(board["open_cases_by_deadline"],
            (nlohmann::json{{"overdue", 1}, {"within_day", 1}, {"within_week", 1}, {"later", 1}}));
  HttpResponse csv =
      Call("GET", "/v1/reports/dashboard?as_of=2026-03-31", tokens_.at(Role::kManager));
  EXPECT_EQ(Json(csv)["months"].size(), 12u);
  HttpRequest request;
  request.method = "GET";
  request.target = request.path = "/v1/reports/dashboard";
  request.headers["authorization"] = "Bearer " + tokens_.at(Role::kManager);
  request.headers["accept"] = "text/csv";
  HttpResponse table = router_->Handle(request);
  ASSERT_EQ(table.status, 200);
  EXPECT_EQ(table.body.substr(0, table.body.find("\r\n")),
            "month,day,ar,credit_sales,dso_standard,dso_count_back,cash_collected");
  EXPECT_NE(table.body.find("2026-03,2026-03-31,2000.00,300.00,"), std::string::npos);
}

TEST_F(ReportsApiTest, ChannelsAndCollectors) {
  const nlohmann::json channels = Get("/v1/reports/channels?from=2026-02-01&to=2026-03-31");
  EXPECT_EQ(
      channels["by_channel"],
      (nlohmann::json::array(
          {{{"channel", "email"}, {"messages", 4}, {"followed_by_payment", 2}, {"share", 0.5}},
           {{"channel", "sms"}, {"messages", 1}, {"followed_by_payment", 0}, {"share", 0.0}}})));
  ASSERT_EQ(channels["by_template"].size(), 3u);
  EXPECT_EQ(channels["by_template"][0]["template"], "reminder-1");
  EXPECT_DOUBLE_EQ(channels["by_template"][0]["share"].get<double>(), 0.6667);
  const nlohmann::json collectors = Get("/v1/reports/collectors?from=2026-02-01&to=2026-03-31");
  ASSERT_EQ(collectors["collectors"].size(), 2u);
  EXPECT_EQ(collectors["collectors"][0],
            (nlohmann::json{{"collector", "K1"},
                            {"tasks_completed", 2},
                            {"outcomes", {{"promise", 1}, {"reached", 1}}},
                            {"promises_obtained", 1},
                            {"collected_after_calls", "1200.00"}}));
  HttpResponse csv = Call("GET", "/v1/reports/collectors?from=2026-02-01&to=2026-03-31&format=csv",
                          tokens_.at(Role::kManager));
  EXPECT_EQ(csv.body,
            "collector,tasks_completed,promises_obtained,collected_after_calls,outcomes\r\n"
            "K1,2,1,1200.00,promise=1 reached=1\r\n"
            "K2,2,1,1000.00,promise=1\r\n");
}

TEST_F(ReportsApiTest, BadParametersAreNamed) {
  const std::string manager = tokens_.at(Role::kManager);
  struct Case {
    const char* target;
    const char* field;
  };
  for (const Case& bad : {Case{"/v1/reports/aging?as_of=2026-02-30", "as_of"},
                          Case{"/v1/reports/kpis?from=2026-04-01&to=2026-03-31", "from"},
                          Case{"/v1/reports/kpis?from=march", "from"},
                          Case{"/v1/reports/channels?to=31-03-2026", "to"},
                          Case{"/v1/reports/kpis?to=2026-03-31&as_of=2026-03-30", "as_of"},
                          Case{"/v1/reports/aging?limit=0", "limit"},
                          Case{"/v1/reports/dashboard?format=xml", "format"}}) {
    HttpResponse response = Call("GET", bad.target, manager);
    EXPECT_EQ(response.status, 400) << bad.target;
    EXPECT_EQ(Json(response)["error"]["fields"][0]["field"], bad.field) << bad.target;
  }
  EXPECT_EQ(Call("GET", "/v1/reports/kpis", tokens_.at(Role::kCollector)).status, 403);
}

TEST_F(ReportsApiTest, WithoutAReportStoreEveryReportIs503) {
  ApiContext context = *context_;
  context.reports = nullptr;
  Router router(MakeTokenAuthenticator(*store_));
  AddApiRoutes(router, context);
  for (const char* path :
       {"/v1/reports/aging", "/v1/reports/dso", "/v1/reports/kpis", "/v1/reports/channels",
        "/v1/reports/collectors", "/v1/reports/dashboard"}) {
    HttpRequest request;
    request.method = "GET";
    request.target = request.path = path;
    request.headers["authorization"] = "Bearer " + tokens_.at(Role::kAdmin);
    EXPECT_EQ(router.Handle(request).status, 503) << path;
  }
}

}  // namespace
}  // namespace duly::daemon
