#include <string>

#include <gtest/gtest.h>

#include "daemon/api/api_test_fixture.h"

namespace duly::daemon {
namespace {

constexpr const char* kPayment = R"({"payments": [{"id": "P1", "customer": "C1",
  "amount": "250.00", "received": "2026-03-05", "method": "bank_transfer",
  "counterparty_name": "De Vries BV", "remittance": "INV-1",
  "allocations": [{"invoice": "INV-1", "amount": "250.00"}]}]})";

TEST_F(ApiTest, PaymentsPostAllocateAndList) {
  SeedCustomerAndInvoice();
  HttpResponse posted = Call("POST", "/v1/payments", tokens_.at(Role::kCollector), kPayment);
  ASSERT_EQ(posted.status, 200) << posted.body;
  EXPECT_EQ(Json(posted)["created"], 1);

  nlohmann::json payment = Json(Admin("GET", "/v1/payments/P1"));
  EXPECT_EQ(payment["amount"], "250.00");
  EXPECT_EQ(payment["received"], "2026-03-05");
  ASSERT_EQ(payment["allocations"].size(), 1U);
  EXPECT_EQ(payment["allocations"][0],
            (nlohmann::json{{"invoice", "INV-1"}, {"amount", "250.00"}}));
  EXPECT_EQ(Json(Admin("GET", "/v1/invoices/INV-1"))["open_amount"], "1000.00");

  EXPECT_EQ(Json(Admin("GET", "/v1/payments?customer=C1"))["items"].size(), 1U);
  EXPECT_TRUE(Json(Admin("GET", "/v1/payments?customer=C2"))["items"].empty());
  EXPECT_EQ(Admin("GET", "/v1/payments/P9").status, 404);
}

TEST_F(ApiTest, RepostingAPaymentIsUnchangedAndChangingItConflicts) {
  SeedCustomerAndInvoice();
  ASSERT_EQ(Admin("POST", "/v1/payments", kPayment).status, 200);
  const std::string before = Snapshot();
  HttpResponse again = Admin("POST", "/v1/payments", kPayment);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(Json(again)["unchanged"], 1);
  std::string changed = kPayment;
  changed.replace(changed.find("250.00"), 6, "260.00");
  HttpResponse conflict = Admin("POST", "/v1/payments", changed);
  EXPECT_EQ(conflict.status, 409) << conflict.body;
  EXPECT_EQ(Snapshot(), before);
}

}  // namespace
}  // namespace duly::daemon
