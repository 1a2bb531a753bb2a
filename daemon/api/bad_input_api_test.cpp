// Bad request bodies: each answers 4xx naming the field and leaves the store as it was.
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "daemon/api/api_test_fixture.h"

namespace duly::daemon {
namespace {

using ::testing::HasSubstr;

// A batch of five valid invoices for C1 with `item3` replacing the fourth (index 3) item.
std::string InvoiceBatch(const std::string& item3) {
  std::string body = R"({"invoices": [)";
  for (int i = 0; i < 5; ++i) {
    if (i > 0) body += ",";
    body += i == 3 ? item3
                   : R"({"id": "INV-)" + std::to_string(i) +
                         R"(", "customer": "C1", "issued": "2026-03-01", "due": "2026-03-31",
                            "amount": "10.00"})";
  }
  return body + "]}";
}

std::string Item3(const std::string& amount, const std::string& due = "\"2026-03-31\"",
                  const std::string& extra = "") {
  return R"({"id": "INV-3", "customer": "C1", "issued": "2026-03-01", "due": )" + due +
         R"(, "amount": )" + amount + extra + "}";
}

class BadInputTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    ASSERT_EQ(
        Admin("POST", "/v1/customers", R"({"customers": [{"id": "C1", "name": "A"}]})").status,
        200);
  }

  // Posts `body` to `target`, expects 400 with an error at `field` whose message contains
  // `words`, and checks nothing was written.
  void ExpectRejected(const std::string& target, const std::string& body, const std::string& field,
                      const std::string& words) {
    const std::string before = Snapshot();
    HttpResponse response = Call("POST", target, tokens_.at(Role::kIntegration), body);
    EXPECT_EQ(response.status, 400) << response.body;
    EXPECT_EQ(Json(response)["error"]["code"], "invalid_argument");
    EXPECT_THAT(Fields(response), HasSubstr(field + ": ")) << response.body;
    EXPECT_THAT(response.body, HasSubstr(words));
    EXPECT_EQ(Snapshot(), before);
  }
};

TEST_F(BadInputTest, MalformedJson) {
  ExpectRejected("/v1/invoices", R"({"invoices": [{"id": "INV-1",)", "", "not valid JSON");
  ExpectRejected("/v1/customers", "", "", "not valid JSON");
}

TEST_F(BadInputTest, InvalidUtf8) {
  ExpectRejected("/v1/customers", "{\"customers\": [{\"id\": \"C9\", \"name\": \"Caf\xC3\x28\"}]}",
                 "", "UTF-8");
}

TEST_F(BadInputTest, WrongTypes) {
  ExpectRejected("/v1/invoices", InvoiceBatch(Item3("10.5")), "/invoices/3/amount",
                 "must be a string, not a number");
  ExpectRejected("/v1/customers", R"({"customers": {"id": "C1"}})", "/customers",
                 "must be an array");
  ExpectRejected("/v1/customers",
                 R"({"customers": [{"id": "C2", "name": "B", "whatsapp": "yes"}]})",
                 "/customers/0/whatsapp", "must be a boolean");
}

TEST_F(BadInputTest, UnknownFields) {
  ExpectRejected("/v1/invoices",
                 InvoiceBatch(Item3("\"10.00\"", "\"2026-03-31\"", R"(, "colour": "red")")),
                 "/invoices/3/colour", "not an allowed field");
  ExpectRejected("/v1/payments", R"({"payments": [], "extra": 1})", "/extra",
                 "not an allowed field");
}

TEST_F(BadInputTest, NegativeAmount) {
  ExpectRejected("/v1/invoices", InvoiceBatch(Item3("\"-10.00\"")), "/invoices/3/amount",
                 "no sign");
}

TEST_F(BadInputTest, ThreeDecimalAmount) {
  ExpectRejected("/v1/invoices", InvoiceBatch(Item3("\"10.005\"")), "/invoices/3/amount",
                 "two decimals");
  ExpectRejected("/v1/payments", R"({"payments": [{"id": "P1", "customer": "C1",
                   "amount": "1.001", "received": "2026-03-01"}]})",
                 "/payments/0/amount", "two decimals");
}

TEST_F(BadInputTest, ImpossibleDate) {
  ExpectRejected("/v1/invoices", InvoiceBatch(Item3("\"10.00\"", "\"2026-02-30\"")),
                 "/invoices/3/due", "2026-02-30");
  ExpectRejected("/v1/invoices", InvoiceBatch(Item3("\"10.00\"", "\"30-03-2026\"")),
                 "/invoices/3/due", "YYYY-MM-DD");
}

TEST_F(BadInputTest, BadDocumentBase64) {
  ExpectRejected("/v1/invoices",
                 InvoiceBatch(Item3("\"10.00\"", "\"2026-03-31\"",
                                    R"(, "document": {"filename": "a.pdf",
                                       "media_type": "application/pdf", "content_base64": "%%%"})")),
                 "/invoices/3/document/content_base64", "base64");
}

TEST_F(BadInputTest, ItemThreeRejectedByTheStoreWritesNothing) {
  // Valid JSON and schema, but item 3 names a customer that does not exist: the store rejects
  // the batch and its pointer is re-rooted under /invoices.
  std::string item3 = Item3("\"10.00\"");
  item3.replace(item3.find("\"C1\""), 4, "\"C404\"");
  ExpectRejected("/v1/invoices", InvoiceBatch(item3), "/invoices/3/customer", "C404");
}

TEST_F(BadInputTest, EveryFailingFieldIsListed) {
  HttpResponse response = Admin("POST", "/v1/invoices", R"({"invoices": [
    {"id": "A", "customer": "C1", "issued": "2026-03-01", "due": "2026-03-31", "amount": "-1"},
    {"id": "B", "customer": "C1", "issued": "2026-3-1", "due": "2026-03-31", "amount": "1"},
    {"id": "C", "issued": "2026-03-01", "due": "2026-03-31", "amount": "1", "x": 1}]})");
  ASSERT_EQ(response.status, 400);
  EXPECT_EQ(Fields(response),
            std::string("/invoices/0/amount: must be an amount as a string of at "
                        "most 13 digits with at most two decimals and no sign "
                        "(\"1250.00\")\n") +
                "/invoices/1/issued: must be a date as YYYY-MM-DD (\"2026-03-31\")\n"
                "/invoices/2/x: is not an allowed field here\n"
                "/invoices/2/customer: is required\n");
}

}  // namespace
}  // namespace duly::daemon
