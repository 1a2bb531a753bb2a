// POST/GET /v1/plans, /v1/plans/check, /v1/plans/{id}, approve and cancel: the policy limits of
// issue 5 over HTTP (6 x EUR 100 accepted, 7 installments and EUR 99.99 rejected naming the rule,
// an exception approved by a manager), roles, bad inputs by field, and 503 when not wired.
#include <string>

#include <gtest/gtest.h>

#include "daemon/api/api_test_fixture.h"

namespace duly::daemon {
namespace {

class PlansApiTest : public ApiTest {
 protected:
  void SeedInvoice(const std::string& id, const std::string& amount) {
    ASSERT_EQ(Admin("POST", "/v1/invoices",
                    R"({"invoices": [{"id": ")" + id +
                        R"(", "customer": "C1", "issued": "2026-03-01", "due": "2026-03-31",
                        "amount": ")" +
                        amount + R"("}]})")
                  .status,
              200);
  }

  // A plan over `invoice` starting 2026-03-10 with `count` monthly installments of `amount`.
  static std::string Plan(const std::string& invoice, int count, const std::string& amount,
                          const std::string& extra = "") {
    std::string installments;
    for (int i = 0; i < count; ++i) {
      installments += std::string(i == 0 ? "" : ", ") + R"({"due_on": "2026-)" +
                      (i + 4 < 10 ? "0" : "") + std::to_string(i + 4) + R"(-01", "amount": ")" +
                      amount + R"("})";
    }
    return R"({"customer": "C1", "invoices": [")" + invoice +
           R"("], "starts_on": "2026-03-10", "installments": [)" + installments + "]" + extra + "}";
  }

  HttpResponse AsCollector(const std::string& method, const std::string& target,
                           const std::string& body = "") {
    return Call(method, target, tokens_.at(Role::kCollector), body);
  }
};

TEST_F(PlansApiTest, SixInstallmentsOfOneHundredAreAccepted) {
  SeedCustomerAndInvoice();
  SeedInvoice("INV-6", "600.00");
  HttpResponse created = AsCollector("POST", "/v1/plans", Plan("INV-6", 6, "100.00"));
  ASSERT_EQ(created.status, 200) << created.body;
  const nlohmann::json plan = Json(created);
  EXPECT_EQ(plan["state"], "active");
  EXPECT_EQ(plan["total"], "600.00");
  EXPECT_EQ(plan["installments"].size(), 6U);
  EXPECT_EQ(plan["installments"][5]["due_on"], "2026-09-01");
  HttpResponse got = AsCollector("GET", "/v1/plans/" + std::to_string(plan["id"].get<int>()));
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(Json(got)["installments"][0]["state"], "pending");
  EXPECT_EQ(Json(AsCollector("GET", "/v1/plans?customer=C1"))["items"].size(), 1U);
}

TEST_F(PlansApiTest, PlansOutsideThePolicyAreRejectedNamingTheRule) {
  SeedCustomerAndInvoice();
  SeedInvoice("INV-7", "700.00");
  SeedInvoice("INV-L", "599.99");
  const std::string before = Snapshot();
  // Seven installments from 2026-04-01: the 7th, 2026-10-01, is also later than 6 months after
  // the start (2026-03-10), so both rules are named.
  HttpResponse seven = AsCollector("POST", "/v1/plans", Plan("INV-7", 7, "100.00"));
  ASSERT_EQ(seven.status, 422) << seven.body;
  EXPECT_EQ(Fields(seven),
            "/installments: 7 installments; the maximum is 6\n"
            "/installments/6/due_on: the last installment is due 2026-10-01; the latest is "
            "2026-09-10 (6 months after the start)\n");
  std::string low = Plan("INV-L", 6, "100.00");
  low.replace(low.rfind("100.00"), 6, "99.99");
  HttpResponse too_low = AsCollector("POST", "/v1/plans", low);
  ASSERT_EQ(too_low.status, 422) << too_low.body;
  EXPECT_EQ(Fields(too_low),
            "/installments/5/amount: the 6th installment is EUR 99.99; the minimum is EUR "
            "100.00\n");
  EXPECT_EQ(Snapshot(), before);  // rejected plans write nothing
  EXPECT_EQ(Json(AsCollector("GET", "/v1/plans"))["items"].size(), 0U);

  HttpResponse check = AsCollector("POST", "/v1/plans/check", low);
  ASSERT_EQ(check.status, 200) << check.body;
  EXPECT_EQ(Json(check)["acceptable"], false);
  EXPECT_EQ(Json(check)["needs_approval"], true);
  EXPECT_EQ(Json(check)["exceptions"][0]["field"], "/installments/5/amount");
}

TEST_F(PlansApiTest, AManagerApprovesAnException) {
  SeedCustomerAndInvoice();
  SeedInvoice("INV-7", "700.00");
  ASSERT_EQ(Admin("POST", "/v1/colleagues",
                  R"({"colleagues": [{"id": "M1", "name": "Mia", "email": "mia@example.nl",
                      "role": "manager"}]})")
                .status,
            200);
  HttpResponse proposed =
      AsCollector("POST", "/v1/plans", Plan("INV-7", 7, "100.00", R"(, "ask_exception": true)"));
  ASSERT_EQ(proposed.status, 200) << proposed.body;
  EXPECT_EQ(Json(proposed)["state"], "proposed");
  EXPECT_EQ(Json(proposed)["exceptions"].size(), 2U);
  const std::string approve =
      "/v1/plans/" + std::to_string(Json(proposed)["id"].get<int>()) + "/approve";
  EXPECT_EQ(AsCollector("POST", approve, R"({"manager": "M1"})").status, 403);
  HttpResponse anonymous_manager = Call("POST", approve, tokens_.at(Role::kManager), "{}");
  EXPECT_EQ(anonymous_manager.status, 400);
  EXPECT_NE(Fields(anonymous_manager).find("/manager"), std::string::npos);
  HttpResponse approved = Call("POST", approve, tokens_.at(Role::kManager), R"({"manager": "M1"})");
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(Json(approved)["state"], "active");
  EXPECT_EQ(Json(approved)["approved_by"], "M1");
  EXPECT_EQ(Call("POST", approve, tokens_.at(Role::kManager), R"({"manager": "M1"})").status, 409);
  const std::string cancel =
      "/v1/plans/" + std::to_string(Json(proposed)["id"].get<int>()) + "/cancel";
  EXPECT_EQ(Json(AsCollector("POST", cancel, "{}"))["state"], "cancelled");
  EXPECT_EQ(AsCollector("POST", cancel, "{}").status, 409);
}

TEST_F(PlansApiTest, BadInputsNameTheField) {
  SeedCustomerAndInvoice();
  std::string bad_date = Plan("INV-1", 1, "1250.00");
  bad_date.replace(bad_date.find("2026-04-01"), 10, "2026-02-30");
  HttpResponse response = AsCollector("POST", "/v1/plans", bad_date);
  EXPECT_EQ(response.status, 400);
  EXPECT_NE(Fields(response).find("/installments/0/due_on"), std::string::npos) << response.body;
  response = AsCollector("POST", "/v1/plans", Plan("INV-1", 1, "1000.00"));
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(Fields(response),
            "/installments: the installments add up to EUR 1000.00; the invoices' open amount is "
            "EUR 1250.00\n");
  response = AsCollector("POST", "/v1/plans", Plan("NOPE", 1, "1250.00"));
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(Fields(response), "/invoices/0: invoice NOPE is not an invoice of customer C1\n");
  response = AsCollector("POST", "/v1/plans", R"({"customer": "C1", "invoices": []})");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(AsCollector("GET", "/v1/plans/x").status, 404);
  EXPECT_EQ(AsCollector("GET", "/v1/plans/99").status, 404);
}

TEST_F(PlansApiTest, UnwiredPlansAnswer503) {
  ApiContext context = *context_;
  context.plans = nullptr;
  context.promises = nullptr;
  Router router(MakeTokenAuthenticator(*store_));
  AddApiRoutes(router, context);
  for (const auto& [method, target] : std::vector<std::pair<std::string, std::string>>{
           {"GET", "/v1/plans"},
           {"GET", "/v1/promises"},
           {"GET", "/v1/customers/C1/credit-status"}}) {
    HttpRequest request;
    request.method = method;
    request.target = target;
    request.path = target;
    request.headers["authorization"] = "Bearer " + tokens_.at(Role::kAdmin);
    EXPECT_EQ(router.Handle(request).status, 503) << target;
  }
}

}  // namespace
}  // namespace duly::daemon
