// MollieClient against prism serving Mollie's own OpenAPI document: a request that breaks
// Mollie's contract gets 422 (or 401 without the bearer key) and fails these tests. Prism is
// started once for the binary (~20 s); every test skips with the reason when
// tests/peers/node_modules or the document is missing. Prism answers the document's examples,
// not our values: the tests assert on what we sent being accepted and on what we read.
#include <chrono>
#include <memory>
#include <string>
#include <variant>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "channels/http/curl_http_client.h"
#include "channels/mollie/mollie_client.h"
#include "channels/mollie/testing/mollie_prism.h"

namespace duly::channels::mollie {
namespace {

using ::testing::HasSubstr;

class PrismEnvironment : public ::testing::Environment {
 public:
  void SetUp() override { prism.Start(DULY_TEST_PEERS_DIR); }
  void TearDown() override { prism.Stop(); }
  static inline testing::MolliePrism prism;
};

const auto* const kPrism = ::testing::AddGlobalTestEnvironment(new PrismEnvironment);

class MollieClientPeerTest : public ::testing::Test {
 protected:
  static const testing::MolliePrism& Prism() { return PrismEnvironment::prism; }

  void SetUp() override {
    if (!Prism().skip_reason().empty()) GTEST_SKIP() << Prism().skip_reason();
    ASSERT_TRUE(Prism().start_error().empty()) << Prism().start_error();
  }

  static MollieConfig Config(const std::string& base_url) {
    MollieConfig config;
    config.api_key = "test_dHar4XY7LxsDOtmnkVtjNVWXLSlXsM";
    config.base_url = base_url;
    config.redirect_url = "https://duly.example.com/paid";
    config.webhook_url = WebhookUrlFor("https://duly.example.com");
    config.request_timeout = std::chrono::seconds(10);
    return config;
  }

  static NewMolliePayment Payment() {
    NewMolliePayment payment;
    payment.amount = Money::FromCents(12345);
    payment.description = "Invoices INV-1, INV-2";
    payment.invoices = {"INV-1", "INV-2"};
    payment.customer = "C1";
    payment.idempotency_key = "duly-peer-test";
    return payment;
  }

  // A client whose requests of `method` carry "Prefer: <prefer>".
  MollieClient Preferring(const std::string& method, const std::string& prefer) {
    return MollieClient(Config(Prism().url()),
                        std::make_shared<testing::PreferringHttpClient>(http_, method, prefer));
  }

  static MolliePayment PaymentOf(const MollieAnswer& answer) {
    if (const auto* failure = std::get_if<MollieFailure>(&answer)) {
      ADD_FAILURE() << MollieFailureKindName(failure->kind) << ": " << failure->reason;
      return {};
    }
    return std::get<MolliePayment>(answer);
  }
  static MollieFailure FailureOf(const MollieAnswer& answer) {
    if (const auto* payment = std::get_if<MolliePayment>(&answer)) {
      ADD_FAILURE() << "got payment " << payment->id;
      return {};
    }
    return std::get<MollieFailure>(answer);
  }

  std::shared_ptr<http::CurlHttpClient> http_ = std::make_shared<http::CurlHttpClient>();
};

TEST_F(MollieClientPeerTest, CreatesAPaymentMollieAccepts) {
  const MollieClient client(Config(Prism().url()), http_);
  const MolliePayment payment = PaymentOf(client.CreatePayment(Payment()));
  EXPECT_TRUE(IsMolliePaymentId(payment.id)) << payment.id;
  EXPECT_EQ(payment.status, "open");
  EXPECT_TRUE(payment.checkout_url.starts_with("https://")) << payment.checkout_url;
  EXPECT_TRUE(payment.expires_at.has_value());
}

TEST_F(MollieClientPeerTest, CreatesAPaymentWithoutAWebhook) {
  MollieConfig config = Config(Prism().url());
  config.webhook_url.clear();
  const MollieClient client(config, http_);
  EXPECT_EQ(PaymentOf(client.CreatePayment(Payment())).status, "open");
}

TEST_F(MollieClientPeerTest, TheMockRefusesARequestThatBreaksMolliesContract) {
  // What the classification tests rely on: a create without description is 422 naming the
  // field in Mollie's own error body.
  http::HttpRequest request = http::JsonPost(
      Prism().url() + "/v2/payments",
      R"({"amount": {"currency": "EUR", "value": "10.00"}, "redirectUrl": "https://x.example"})");
  request.headers.emplace_back("Authorization", "Bearer test_dHar4XY7LxsDOtmnkVtjNVWXLSlXsM");
  const http::HttpOutcome outcome = http_->Perform(request);
  ASSERT_TRUE(std::holds_alternative<http::HttpResponse>(outcome));
  EXPECT_EQ(std::get<http::HttpResponse>(outcome).status, 422);
  const MollieFailure failure = ClassifyMollieOutcome(outcome);
  EXPECT_EQ(failure.kind, MollieFailureKind::kPermanent);
  EXPECT_EQ(failure.field, "description");
  EXPECT_EQ(ToError(failure).fields.at(0).field, "/description");
}

TEST_F(MollieClientPeerTest, AWrongKeyIsPermanentAndUnauthenticated) {
  // Prism checks that a bearer key is there; a request without one is what Mollie answers 401.
  http::HttpRequest request;
  request.url = Prism().url() + "/v2/payments/tr_5B8cwPMGnU6qLbRvo7qEZo";
  const MollieFailure failure = ClassifyMollieOutcome(http_->Perform(request));
  EXPECT_EQ(failure.http_status, 401);
  EXPECT_EQ(failure.kind, MollieFailureKind::kPermanent);
  EXPECT_EQ(ToError(failure).code, ErrorCode::kUnauthenticated);
}

TEST_F(MollieClientPeerTest, GetsAnOpenPayment) {
  const MollieClient client(Config(Prism().url()), http_);
  const MolliePayment payment = PaymentOf(client.GetPayment("tr_5B8cwPMGnU6qLbRvo7qEZo"));
  EXPECT_EQ(payment.status, "open");
  EXPECT_EQ(payment.amount, Money::FromCents(1000));
  EXPECT_FALSE(payment.paid_at.has_value());
}

TEST_F(MollieClientPeerTest, GetsAPaidPayment) {
  const MollieClient client = Preferring("GET", "example=get-payment-200-3");
  const MolliePayment payment = PaymentOf(client.GetPayment("tr_oWpmDXm6sT"));
  EXPECT_EQ(payment.status, "paid");
  ASSERT_TRUE(payment.paid_at.has_value());
  EXPECT_EQ(FormatInstantUtc(*payment.paid_at), FormatInstantUtc(FromEpochMillis(1685970432000)));
}

TEST_F(MollieClientPeerTest, MolliesRateLimitIsTransient) {
  const MollieClient client = Preferring("GET", "code=429");
  const MollieFailure failure = FailureOf(client.GetPayment("tr_5B8cwPMGnU6qLbRvo7qEZo"));
  EXPECT_EQ(failure.kind, MollieFailureKind::kTransient);
  EXPECT_EQ(failure.http_status, 429);
  EXPECT_THAT(failure.reason, HasSubstr("rate limit"));
}

TEST_F(MollieClientPeerTest, AnUnknownPaymentIsPermanentAndNotFound) {
  const MollieClient client = Preferring("GET", "code=404");
  const MollieFailure failure = FailureOf(client.GetPayment("tr_doesnotexist"));
  EXPECT_EQ(failure.kind, MollieFailureKind::kPermanent);
  EXPECT_EQ(ToError(failure).code, ErrorCode::kNotFound);
}

TEST_F(MollieClientPeerTest, MolliesServiceUnavailableIsTransient) {
  const MollieClient client = Preferring("POST", "code=503");
  const MollieFailure failure = FailureOf(client.CreatePayment(Payment()));
  EXPECT_EQ(failure.kind, MollieFailureKind::kTransient);
  EXPECT_EQ(failure.http_status, 503);
}

TEST_F(MollieClientPeerTest, AnUnreachableMollieIsTransient) {
  const MollieClient client(
      Config("http://127.0.0.1:" + std::to_string(http::testing::FreeLoopbackPort())), http_);
  const MollieFailure failure = FailureOf(client.GetPayment("tr_5B8cwPMGnU6qLbRvo7qEZo"));
  EXPECT_EQ(failure.kind, MollieFailureKind::kTransient);
  EXPECT_THAT(failure.reason, HasSubstr("could not reach Mollie"));
}

}  // namespace
}  // namespace duly::channels::mollie
