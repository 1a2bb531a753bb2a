// POST/GET /v1/promises and POST /v1/promises/{id}/cancel over a real SQLite store, and the
// credit status the ERP reads.
#include <string>

#include <gtest/gtest.h>

#include "daemon/api/api_test_fixture.h"

namespace duly::daemon {
namespace {

TEST_F(ApiTest, CollectorsRecordListAndCancelPromises) {
  SeedCustomerAndInvoice();
  const std::string collector = tokens_.at(Role::kCollector);
  HttpResponse recorded = Call("POST", "/v1/promises", collector,
                               R"({"customer": "C1", "invoices": ["INV-1"], "amount": "500.00",
               "promised_on": "2026-03-20", "source": "call", "note": "paid by Friday"})");
  ASSERT_EQ(recorded.status, 200) << recorded.body;
  const nlohmann::json promise = Json(recorded);
  EXPECT_EQ(promise["state"], "open");
  EXPECT_EQ(promise["amount"], "500.00");
  EXPECT_EQ(promise["open_amount_at_promise"], "1250.00");
  EXPECT_EQ(promise["source"], "call");
  EXPECT_EQ(promise["recorded_by"], "token:collector-test");

  HttpResponse listed = Call("GET", "/v1/promises?customer=C1&state=open", collector);
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(Json(listed)["items"].size(), 1U);
  EXPECT_EQ(Call("GET", "/v1/promises?state=late", collector).status, 400);

  const std::string cancel = "/v1/promises/" + std::to_string(promise["id"].get<int>()) + "/cancel";
  EXPECT_EQ(Call("POST", cancel, tokens_.at(Role::kColleague), "{}").status, 403);
  HttpResponse cancelled = Call("POST", cancel, collector, R"({"reason": "customer called"})");
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(Json(cancelled)["state"], "cancelled");
  EXPECT_EQ(Call("POST", cancel, collector, "{}").status, 409);
  EXPECT_EQ(Call("POST", "/v1/promises/77/cancel", collector, "{}").status, 404);
}

TEST_F(ApiTest, BadPromisesNameTheField) {
  SeedCustomerAndInvoice();
  const std::string before = Snapshot();
  auto post = [&](const std::string& body) {
    return Call("POST", "/v1/promises", tokens_.at(Role::kCollector), body);
  };
  HttpResponse response = post(R"({"customer": "C1", "invoices": ["INV-1"], "amount": "1250.01",
                                   "promised_on": "2026-03-20"})");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(Fields(response),
            "/amount: EUR 1250.01 is more than the invoices' open amount EUR 1250.00\n");
  response = post(R"({"customer": "C1", "invoices": ["INV-1"], "amount": "10.00",
                      "promised_on": "2026-02-30"})");
  EXPECT_EQ(response.status, 400);
  EXPECT_NE(Fields(response).find("/promised_on"), std::string::npos) << response.body;
  response = post(R"({"customer": "C1", "invoices": ["INV-9"], "amount": "10.00",
                      "promised_on": "2026-03-20"})");
  EXPECT_EQ(Fields(response), "/invoices/0: invoice INV-9 is not an invoice of customer C1\n");
  response = post(R"({"customer": "C9", "invoices": ["INV-1"], "amount": "10.00",
                      "promised_on": "2026-03-20"})");
  EXPECT_EQ(response.status, 404);
  response = post(R"({"customer": "C1", "invoices": ["INV-1"], "amount": "0.00",
                      "promised_on": "2026-03-20"})");
  EXPECT_EQ(Fields(response), "/amount: must be more than 0\n");
  response = post(R"({"customer": "C1", "invoices": ["INV-1"], "amount": "10",
                      "promised_on": "2026-03-20", "source": "fax"})");
  EXPECT_EQ(response.status, 400);
  EXPECT_NE(Fields(response).find("/source"), std::string::npos) << response.body;
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(ApiTest, CreditStatusAnswersOkOrHoldWithReasons) {
  SeedCustomerAndInvoice();  // INV-1 EUR 1250.00 due 2026-03-31; today is 2026-03-10
  const std::string erp = tokens_.at(Role::kIntegration);
  HttpResponse ok = Call("GET", "/v1/customers/C1/credit-status", erp);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Json(ok)["status"], "ok");
  EXPECT_EQ(Json(ok)["reasons"].size(), 0U);
  clock_.Set(*ParseCalendarDate("2026-04-02") + std::chrono::hours(10));
  HttpResponse hold = Call("GET", "/v1/customers/C1/credit-status", erp);
  ASSERT_EQ(hold.status, 200) << hold.body;
  EXPECT_EQ(Json(hold)["status"], "hold");
  EXPECT_EQ(Json(hold)["reasons"][0]["code"], "overdue");
  EXPECT_EQ(Json(hold)["reasons"][0]["message"],
            "EUR 1250.00 is overdue; the threshold is EUR 0.00");
  EXPECT_EQ(Call("GET", "/v1/customers/C9/credit-status", erp).status, 404);
  EXPECT_EQ(Call("GET", "/v1/customers/C1/credit-status", tokens_.at(Role::kColleague)).status,
            403);
}

}  // namespace
}  // namespace duly::daemon
