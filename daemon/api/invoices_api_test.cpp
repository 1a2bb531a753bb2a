#include <string>

#include <gtest/gtest.h>

#include "daemon/api/api_test_fixture.h"

namespace duly::daemon {
namespace {

TEST_F(ApiTest, InvoicesUpsertGetAndList) {
  SeedCustomerAndInvoice();
  nlohmann::json invoice = Json(Admin("GET", "/v1/invoices/INV-1"));
  EXPECT_EQ(invoice["amount"], "1250.00");
  EXPECT_EQ(invoice["open_amount"], "1250.00");
  EXPECT_EQ(invoice["issued"], "2026-03-01");
  EXPECT_EQ(invoice["status"], "open");
  EXPECT_EQ(invoice["document"]["filename"], "INV-1.pdf");
  EXPECT_FALSE(invoice["document"].contains("content_base64"));

  ASSERT_EQ(
      Admin("POST", "/v1/customers", R"({"customers": [{"id": "C2", "name": "Other"}]})").status,
      200);
  HttpResponse more = Call("POST", "/v1/invoices", tokens_.at(Role::kIntegration),
                           R"({"invoices": [
    {"id": "INV-2", "customer": "C2", "issued": "2026-03-02", "due": "2026-04-01", "amount": "10"},
    {"id": "INV-3", "customer": "C1", "issued": "2026-03-03", "due": "2026-04-02",
     "amount": "99.99", "po_number": "PO-7"}]})");
  ASSERT_EQ(more.status, 200) << more.body;
  EXPECT_EQ(Json(more)["created"], 2);

  nlohmann::json all = Json(Call("GET", "/v1/invoices", tokens_.at(Role::kColleague)));
  EXPECT_EQ(all["items"].size(), 3U);
  nlohmann::json c1 = Json(Admin("GET", "/v1/invoices?customer=C1&status=open"));
  ASSERT_EQ(c1["items"].size(), 2U);
  EXPECT_EQ(c1["items"][1]["po_number"], "PO-7");
  EXPECT_TRUE(Json(Admin("GET", "/v1/invoices?status=paid"))["items"].empty());

  HttpResponse bad_status = Admin("GET", "/v1/invoices?status=late");
  EXPECT_EQ(bad_status.status, 400);
  EXPECT_EQ(Fields(bad_status).rfind("status: ", 0), 0U);
  EXPECT_EQ(Admin("GET", "/v1/invoices/NOPE").status, 404);
}

TEST_F(ApiTest, InvoiceDocumentIsServedWithItsMediaType) {
  SeedCustomerAndInvoice();
  HttpResponse document = Call("GET", "/v1/invoices/INV-1/document", tokens_.at(Role::kColleague));
  ASSERT_EQ(document.status, 200) << document.body;
  EXPECT_EQ(document.content_type, "application/pdf");
  EXPECT_EQ(document.body, "%PDF-1.4\n");
  bool attachment = false;
  for (const auto& [name, value] : document.headers) {
    if (name == "Content-Disposition") {
      attachment = value == "attachment; filename=\"INV-1.pdf\"";
    }
  }
  EXPECT_TRUE(attachment);

  ASSERT_EQ(Admin("POST", "/v1/invoices", R"({"invoices": [{"id": "INV-9", "customer": "C1",
              "issued": "2026-03-01", "due": "2026-03-31", "amount": "1.00"}]})")
                .status,
            200);
  HttpResponse none = Admin("GET", "/v1/invoices/INV-9/document");
  EXPECT_EQ(none.status, 404);
  EXPECT_NE(Json(none)["error"]["message"].get<std::string>().find("no document"),
            std::string::npos);
}

TEST_F(ApiTest, SameInvoiceBatchTwiceChangesNothing) {
  ASSERT_EQ(Admin("POST", "/v1/customers", R"({"customers": [{"id": "C1", "name": "A"}]})").status,
            200);
  const std::string batch = R"({"invoices": [
    {"id": "INV-1", "customer": "C1", "issued": "2026-03-01", "due": "2026-03-31", "amount": "5.00"},
    {"id": "INV-2", "customer": "C1", "issued": "2026-03-01", "due": "2026-03-31", "amount": "6.5"}]})";
  HttpResponse first = Admin("POST", "/v1/invoices", batch);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(Json(first), (nlohmann::json{{"created", 2}, {"updated", 0}, {"unchanged", 0}}));
  const std::string before = Snapshot();
  HttpResponse second = Admin("POST", "/v1/invoices", batch);
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(Json(second), (nlohmann::json{{"created", 0}, {"updated", 0}, {"unchanged", 2}}));
  EXPECT_EQ(Snapshot(), before);  // no new events either
}

}  // namespace
}  // namespace duly::daemon
