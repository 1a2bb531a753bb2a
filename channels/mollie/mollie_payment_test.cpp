#include "channels/mollie/mollie_payment.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace duly::channels::mollie {
namespace {

using ::testing::HasSubstr;

// Mollie's documented payment object (the "get-payment" example of its OpenAPI document).
constexpr const char* kOpenPayment = R"({
  "resource": "payment", "id": "tr_5B8cwPMGnU6qLbRvo7qEZo", "mode": "live",
  "amount": {"value": "10.00", "currency": "EUR"}, "description": "Order #12345",
  "sequenceType": "oneoff", "redirectUrl": "https://webshop.example.org/order/12345/",
  "webhookUrl": "https://webshop.example.org/payments/webhook/",
  "metadata": "{\"order_id\":12345}", "profileId": "pfl_QkEhN94Ba", "status": "open",
  "isCancelable": false, "createdAt": "2024-03-20T09:13:37+00:00",
  "expiresAt": "2024-03-20T09:28:37+00:00",
  "_links": {"self": {"href": "...", "type": "application/hal+json"},
             "checkout": {"href": "https://www.mollie.com/checkout/select-method/7UhSN1zuXS",
                          "type": "text/html"}}})";

std::string FirstField(const Error& error) {
  return error.fields.empty() ? std::string("<none>") : error.fields.front().field;
}

TEST(MolliePaymentTest, ReadsMolliesDocumentedPayment) {
  Result<MolliePayment> payment = ParseMolliePayment(kOpenPayment);
  ASSERT_TRUE(payment.has_value()) << payment.error().message;
  EXPECT_EQ(payment->id, "tr_5B8cwPMGnU6qLbRvo7qEZo");
  EXPECT_EQ(payment->status, "open");
  EXPECT_EQ(payment->amount, Money::FromCents(1000));
  EXPECT_EQ(payment->currency, "EUR");
  EXPECT_EQ(payment->checkout_url, "https://www.mollie.com/checkout/select-method/7UhSN1zuXS");
  ASSERT_TRUE(payment->expires_at.has_value());
  EXPECT_EQ(FormatInstantUtc(*payment->expires_at),
            FormatInstantUtc(FromEpochMillis(1710926917000)));
  EXPECT_FALSE(payment->paid_at.has_value());
  EXPECT_TRUE(payment->invoices.empty());  // metadata of someone else's shape carries nothing
}

TEST(MolliePaymentTest, ReadsOurMetadataAsObjectOrText) {
  for (const std::string metadata :
       {R"({"invoices": ["INV-1", "INV-2"], "customer": "C1"})",
        R"("{\"invoices\":[\"INV-1\",\"INV-2\"],\"customer\":\"C1\"}")"}) {
    const std::string body =
        R"({"id": "tr_a1", "status": "paid", "paidAt": "2026-03-10T10:00:00+01:00",
            "amount": {"currency": "EUR", "value": "123.45"}, "metadata": )" +
        metadata + "}";
    Result<MolliePayment> payment = ParseMolliePayment(body);
    ASSERT_TRUE(payment.has_value()) << payment.error().message;
    EXPECT_EQ(payment->invoices, (std::vector<std::string>{"INV-1", "INV-2"}));
    EXPECT_EQ(payment->customer, "C1");
    EXPECT_EQ(payment->amount, Money::FromCents(12345));
    ASSERT_TRUE(payment->paid_at.has_value());
    EXPECT_EQ(ToEpochMillis(*payment->paid_at), 1773133200000);  // 09:00 UTC
  }
}

TEST(MolliePaymentTest, NamesEveryMissingOrWrongField) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"[]", ""},
      {"not json", ""},
      {R"({"status": "open", "amount": {"currency": "EUR", "value": "1.00"}})", "/id"},
      {R"({"id": 7, "status": "open", "amount": {"currency": "EUR", "value": "1.00"}})", "/id"},
      {R"({"id": "tr_1", "amount": {"currency": "EUR", "value": "1.00"}})", "/status"},
      {R"({"id": "tr_1", "status": "open"})", "/amount"},
      {R"({"id": "tr_1", "status": "open", "amount": "1.00"})", "/amount"},
      {R"({"id": "tr_1", "status": "open", "amount": {"value": "1.00"}})", "/amount/currency"},
      {R"({"id": "tr_1", "status": "open", "amount": {"currency": "euro", "value": "1"}})",
       "/amount/currency"},
      {R"({"id": "tr_1", "status": "open", "amount": {"currency": "EUR"}})", "/amount/value"},
      {R"({"id": "tr_1", "status": "open", "amount": {"currency": "EUR", "value": "1,00"}})",
       "/amount/value"},
      {R"({"id": "tr_1", "status": "paid", "amount": {"currency": "EUR", "value": "1.00"}})",
       "/paidAt"},
      {R"({"id": "tr_1", "status": "open", "amount": {"currency": "EUR", "value": "1.00"},
           "expiresAt": "tomorrow"})",
       "/expiresAt"},
      {R"({"id": "tr_1", "status": "open", "amount": {"currency": "EUR", "value": "1.00"},
           "metadata": {"invoices": "INV-1"}})",
       "/metadata/invoices"},
      {R"({"id": "tr_1", "status": "open", "amount": {"currency": "EUR", "value": "1.00"},
           "metadata": {"invoices": ["INV-1", 2]}})",
       "/metadata/invoices/1"},
      {R"({"id": "tr_1", "status": "open", "amount": {"currency": "EUR", "value": "1.00"},
           "_links": {"checkout": {"href": 5}}})",
       "/_links/checkout/href"},
  };
  for (const auto& [body, field] : cases) {
    Result<MolliePayment> payment = ParseMolliePayment(body);
    ASSERT_FALSE(payment.has_value()) << body;
    EXPECT_EQ(FirstField(payment.error()), field) << body << ": " << payment.error().message;
    if (!field.empty()) {
      EXPECT_THAT(payment.error().message, HasSubstr(field));
    }
  }
}

TEST(MolliePaymentTest, ParsesInstantsWithTheirOffset) {
  EXPECT_EQ(ToEpochMillis(*ParseMollieInstant("2024-03-20T09:28:37+00:00")), 1710926917000);
  EXPECT_EQ(ToEpochMillis(*ParseMollieInstant("2024-03-20T09:28:37Z")), 1710926917000);
  EXPECT_EQ(ToEpochMillis(*ParseMollieInstant("2024-03-20T10:28:37.250+01:00")), 1710926917250);
  EXPECT_EQ(ToEpochMillis(*ParseMollieInstant("2024-03-20T04:28:37-05:00")), 1710926917000);
  for (const char* bad :
       {"2024-03-20", "2024-03-20T09:28:37", "2024-02-30T09:28:37Z", "2024-03-20T25:00:00Z",
        "2024-03-20T09:28:37+0100", "2024-03-20T09:28:37Zjunk", "2024-03-20T09:28:37."}) {
    EXPECT_FALSE(ParseMollieInstant(bad).has_value()) << bad;
  }
}

TEST(MolliePaymentTest, FormatsAmountsAsMollieWantsThem) {
  EXPECT_EQ(FormatMollieAmount(Money::FromCents(12345)), "123.45");
  EXPECT_EQ(FormatMollieAmount(Money::FromCents(1000)), "10.00");
  EXPECT_EQ(FormatMollieAmount(Money::FromCents(5)), "0.05");
}

}  // namespace
}  // namespace duly::channels::mollie
