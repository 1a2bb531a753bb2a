#include "channels/mollie/mollie_request.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace duly::channels::mollie {
namespace {

MollieConfig Config() {
  MollieConfig config;
  config.api_key = "test_dHar4XY7LxsDOtmnkVtjNVWXLSlXsM";
  config.base_url = "https://api.mollie.example/";
  config.redirect_url = "https://duly.example.com/paid";
  config.webhook_url = WebhookUrlFor("https://duly.example.com/");
  return config;
}

NewMolliePayment Payment() {
  NewMolliePayment payment;
  payment.amount = Money::FromCents(123456);
  payment.description = "Invoices INV-1, INV-2";
  payment.invoices = {"INV-1", "INV-2"};
  payment.customer = "C1";
  payment.idempotency_key = "duly-0123";
  return payment;
}

std::string HeaderOf(const http::HttpRequest& request, const std::string& name) {
  for (const auto& [key, value] : request.headers) {
    if (key == name) return value;
  }
  return "<absent>";
}

TEST(MollieRequestTest, DerivesTheWebhookUrlFromThePublicUrl) {
  EXPECT_EQ(WebhookUrlFor("https://duly.example.com"),
            "https://duly.example.com/v1/webhooks/mollie");
  EXPECT_EQ(WebhookUrlFor("https://duly.example.com//"),
            "https://duly.example.com/v1/webhooks/mollie");
  EXPECT_EQ(WebhookUrlFor(""), "");
}

TEST(MollieRequestTest, BuildsTheCreatePaymentRequest) {
  Result<http::HttpRequest> request = CreatePaymentRequest(Config(), Payment());
  ASSERT_TRUE(request.has_value()) << request.error().message;
  EXPECT_EQ(request->method, "POST");
  EXPECT_EQ(request->url, "https://api.mollie.example/v2/payments");
  EXPECT_EQ(request->content_type, "application/json");
  EXPECT_EQ(HeaderOf(*request, "Authorization"), "Bearer test_dHar4XY7LxsDOtmnkVtjNVWXLSlXsM");
  EXPECT_EQ(HeaderOf(*request, "Idempotency-Key"), "duly-0123");
  const nlohmann::json body = nlohmann::json::parse(request->body);
  EXPECT_EQ(body, nlohmann::json::parse(R"({
      "amount": {"currency": "EUR", "value": "1234.56"},
      "description": "Invoices INV-1, INV-2",
      "redirectUrl": "https://duly.example.com/paid",
      "webhookUrl": "https://duly.example.com/v1/webhooks/mollie",
      "metadata": {"invoices": ["INV-1", "INV-2"], "customer": "C1"}})"));
}

TEST(MollieRequestTest, LeavesOutWhatIsNotConfigured) {
  MollieConfig config = Config();
  config.webhook_url.clear();
  NewMolliePayment payment = Payment();
  payment.idempotency_key.clear();
  Result<http::HttpRequest> request = CreatePaymentRequest(config, payment);
  ASSERT_TRUE(request.has_value());
  EXPECT_FALSE(nlohmann::json::parse(request->body).contains("webhookUrl"));
  EXPECT_EQ(HeaderOf(*request, "Idempotency-Key"), "<absent>");
}

TEST(MollieRequestTest, RefusesWhatMollieWouldRefuseNamingTheField) {
  const auto field_of = [](const MollieConfig& config, const NewMolliePayment& payment) {
    Result<http::HttpRequest> request = CreatePaymentRequest(config, payment);
    if (request.has_value() || request.error().fields.empty()) return std::string("<none>");
    return request.error().fields.front().field;
  };
  MollieConfig no_key = Config();
  no_key.api_key.clear();
  EXPECT_EQ(field_of(no_key, Payment()), "/api_key");
  MollieConfig bad_base = Config();
  bad_base.base_url = "api.mollie.com";
  EXPECT_EQ(field_of(bad_base, Payment()), "/base_url");
  MollieConfig no_redirect = Config();
  no_redirect.redirect_url.clear();
  EXPECT_EQ(field_of(no_redirect, Payment()), "/redirect_url");
  NewMolliePayment zero = Payment();
  zero.amount = Money();
  EXPECT_EQ(field_of(Config(), zero), "/amount");
  NewMolliePayment currency = Payment();
  currency.currency = "eur";
  EXPECT_EQ(field_of(Config(), currency), "/currency");
  NewMolliePayment description = Payment();
  description.description.clear();
  EXPECT_EQ(field_of(Config(), description), "/description");
  NewMolliePayment invoices = Payment();
  invoices.invoices.clear();
  EXPECT_EQ(field_of(Config(), invoices), "/invoices");
}

TEST(MollieRequestTest, BuildsTheGetPaymentRequestForMollieIdsOnly) {
  Result<http::HttpRequest> request = GetPaymentRequest(Config(), "tr_5B8cwPMGnU6qLbRvo7qEZo");
  ASSERT_TRUE(request.has_value());
  EXPECT_EQ(request->method, "GET");
  EXPECT_EQ(request->url, "https://api.mollie.example/v2/payments/tr_5B8cwPMGnU6qLbRvo7qEZo");
  EXPECT_TRUE(request->body.empty());
  for (const char* bad : {"", "tr_", "5B8cwPMG", "tr_../../v2/refunds", "tr_a b", "ord_abc"}) {
    Result<http::HttpRequest> refused = GetPaymentRequest(Config(), bad);
    ASSERT_FALSE(refused.has_value()) << bad;
    EXPECT_EQ(refused.error().fields.front().field, "/id") << bad;
  }
}

}  // namespace
}  // namespace duly::channels::mollie
