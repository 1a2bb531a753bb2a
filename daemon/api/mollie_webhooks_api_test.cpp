// POST /v1/webhooks/mollie: public, form body id=tr_..., handed to
// ApiContext::mollie_payment_changed (the whole flow against Mollie's mock is tested in
// daemon/mollie/peer_test).
#include <memory>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "daemon/api/api_test_fixture.h"

namespace duly::daemon {
namespace {

using ::testing::HasSubstr;

class MollieWebhookTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    ApiContext context = *context_;
    context.mollie_payment_changed = [this](const std::string& id) {
      ids_.push_back(id);
      return answer_;
    };
    mollie_context_ = std::make_unique<ApiContext>(context);
    mollie_router_ = std::make_unique<Router>(MakeTokenAuthenticator(*store_));
    AddApiRoutes(*mollie_router_, *mollie_context_);
  }
  void TearDown() override {
    mollie_router_.reset();
    ApiTest::TearDown();
  }

  // As Mollie posts it: no Authorization, a form body.
  HttpResponse Post(Router& router, const std::string& body) const {
    HttpRequest request;
    request.method = "POST";
    request.target = "/v1/webhooks/mollie";
    request.path = "/v1/webhooks/mollie";
    request.headers["content-type"] = "application/x-www-form-urlencoded";
    request.body = body;
    return router.Handle(request);
  }

  std::vector<std::string> ids_;
  Status answer_ = Status::Ok();
  std::unique_ptr<ApiContext> mollie_context_;
  std::unique_ptr<Router> mollie_router_;
};

TEST_F(MollieWebhookTest, IsPublicAndHandsTheIdOn) {
  const HttpResponse response = Post(*mollie_router_, "id=tr_5B8cwPMGnU6qLbRvo7qEZo");
  EXPECT_EQ(response.status, 200) << response.body;
  EXPECT_TRUE(response.body.empty());
  EXPECT_EQ(ids_, (std::vector<std::string>{"tr_5B8cwPMGnU6qLbRvo7qEZo"}));
}

TEST_F(MollieWebhookTest, AnUnknownIdIsAnsweredLikeAKnownOne) {
  // The function answers Ok for an id Mollie does not know (mollie_payment_sync.h).
  EXPECT_EQ(Post(*mollie_router_, "id=tr_unknown&testmode=true").status, 200);
  EXPECT_EQ(ids_, (std::vector<std::string>{"tr_unknown"}));
}

TEST_F(MollieWebhookTest, ABodyWithoutAnIdIs400NamingIt) {
  for (const char* body : {"", "foo=bar", "id=", "id=%zz", "id=ord_123", "id=tr_a%2F..%2Fb"}) {
    const HttpResponse response = Post(*mollie_router_, body);
    EXPECT_EQ(response.status, 400) << body << ": " << response.body;
    EXPECT_THAT(Fields(response), HasSubstr("/id")) << body;
  }
  EXPECT_TRUE(ids_.empty());
}

TEST_F(MollieWebhookTest, MollieOrTheDatabaseDownIs503SoMollieRetries) {
  answer_ = Unavailable("Mollie (transient): Mollie 429 Too Many Requests");
  EXPECT_EQ(Post(*mollie_router_, "id=tr_1").status, 503);
  answer_ = InternalError("disk full");
  EXPECT_EQ(Post(*mollie_router_, "id=tr_1").status, 503);
  EXPECT_EQ(ids_.size(), 2u);
}

TEST_F(MollieWebhookTest, WithoutMollieConfiguredItIs503NamingTheSetting) {
  const HttpResponse response = Post(*router_, "id=tr_1");
  EXPECT_EQ(response.status, 503);
  EXPECT_THAT(response.body, HasSubstr("mollie.api_key"));
}

}  // namespace
}  // namespace duly::daemon
