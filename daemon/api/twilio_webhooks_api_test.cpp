// The Twilio webhooks, driven with requests signed exactly as Twilio signs them: the signing
// function is first checked against Twilio's own vectors (../shared/fixtures/twilio).
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "channels/twilio/request_signature.h"
#include "channels/twilio/shared_fixtures.h"
#include "daemon/api/api_test_fixture.h"

namespace duly::daemon {
namespace {

using channels::twilio::ComputeRequestSignature;
using channels::twilio::FormParam;

constexpr const char* kPublicUrl = "https://duly.example.com";
constexpr const char* kStatus = "/v1/webhooks/twilio/status";
constexpr const char* kInbound = "/v1/webhooks/twilio/inbound";

// application/x-www-form-urlencoded as Twilio writes it (unreserved bytes as is, space as '+').
std::string FormEncode(const std::vector<FormParam>& params) {
  auto encode = [](const std::string& text) {
    std::string out;
    for (const char byte : text) {
      const auto c = static_cast<unsigned char>(byte);
      if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
        out += static_cast<char>(c);
      } else if (c == ' ') {
        out += '+';
      } else {
        constexpr const char* kHex = "0123456789ABCDEF";
        out += '%';
        out += kHex[c >> 4];
        out += kHex[c & 15];
      }
    }
    return out;
  };
  std::string body;
  for (const auto& [key, value] : params) {
    if (!body.empty()) body += '&';
    body += encode(key) + "=" + encode(value);
  }
  return body;
}

class TwilioWebhookTest : public ApiTest {
 protected:
  // A POST as Twilio sends it to `target`; `signature` nullopt: signed correctly over the
  // public URL with the fixture's auth token.
  HttpResponse Post(const std::string& target, const std::vector<FormParam>& params,
                    std::optional<std::string> signature = std::nullopt,
                    const Router* router = nullptr) const {
    HttpRequest request;
    request.method = "POST";
    request.target = target;
    auto parsed = ParseRequestTarget(target);
    EXPECT_TRUE(parsed.has_value());
    request.path = parsed->path;
    request.query = parsed->query;
    request.headers["content-type"] = "application/x-www-form-urlencoded";
    request.headers["x-twilio-signature"] =
        signature ? *signature
                  : ComputeRequestSignature(kTwilioAuthToken, kPublicUrl + target, params);
    request.body = FormEncode(params);
    return (router != nullptr ? *router : *router_).Handle(request);
  }

  static void ExpectEmptyTwiml(const HttpResponse& response) {
    EXPECT_EQ(response.status, 200) << response.body;
    EXPECT_EQ(response.content_type, "text/xml");
    EXPECT_NE(response.body.find("<Response/>"), std::string::npos) << response.body;
  }

  // A sent message of C1 known to Twilio as `sid`.
  std::int64_t SeedSent(const std::string& sid, const std::string& channel = "sms") {
    OutboxRecord record;
    record.message.recipient = "C1";
    record.message.customer = "C1";
    record.message.channel = channel;
    record.message.template_id = "reminder-friendly";
    record.message.provider_id = sid;
    record.state = "sent";
    return outbox_->Seed(record);
  }

  std::optional<MessageDelivery> DeliveryOf(std::int64_t id) {
    auto messages = outbox_->ListCustomerMessages("C1", 100);
    EXPECT_TRUE(messages.has_value());
    for (const OutboxRecord& record : *messages) {
      if (record.message.id == id) return record.delivery;
    }
    ADD_FAILURE() << "no message " << id;
    return std::nullopt;
  }

  void SeedCustomersWithPhone() {
    ASSERT_EQ(Admin("POST", "/v1/customers", R"({"customers": [
      {"id": "C1", "name": "Bakkerij de Vries", "phone": "+31612345678", "whatsapp": true},
      {"id": "C2", "name": "De Vries Holding", "contacts": [{"name": "Jan", "phone": "+31612345678"}]},
      {"id": "C3", "name": "Café Ça Va", "phone": "+32470123456"}]})")
                  .status,
              200);
  }

  // The event types of `customer`'s history, in order.
  std::vector<std::string> EventTypes(const std::string& customer) {
    std::vector<std::string> types;
    const nlohmann::json history =
        Json(Admin("GET", "/v1/customers/" + customer + "/history?limit=1000"));
    for (const auto& event : history["items"]) {
      types.push_back(event["type"].get<std::string>() + " " + event["payload"].dump());
    }
    return types;
  }
};

bool Mentions(const std::vector<std::string>& lines, const std::string& text) {
  for (const std::string& line : lines) {
    if (line.find(text) != std::string::npos) return true;
  }
  return false;
}

TEST_F(TwilioWebhookTest, TheTestsSignLikeTwilio) {
  const auto path = channels::twilio::testing::TwilioFixture("signature-vectors.json");
  if (!path) {
    GTEST_SKIP() << "Twilio signature vectors not found under "
                 << channels::twilio::testing::TwilioFixtureDir() << " (set DULY_SHARED_DIR)";
  }
  const auto doc = nlohmann::json::parse(channels::twilio::testing::ReadFixture(*path));
  ASSERT_EQ(doc.at("auth_token"), kTwilioAuthToken);
  const auto& vector = doc.at("vectors").at(0);
  std::vector<FormParam> params;
  for (const auto& [key, value] : vector.at("params").items()) {
    params.emplace_back(key, value.get<std::string>());
  }
  EXPECT_EQ(
      ComputeRequestSignature(kTwilioAuthToken, vector.at("signed_url").get<std::string>(), params),
      vector.at("expected_signature").get<std::string>());
}

TEST_F(TwilioWebhookTest, StatusCallbacksRecordTheDeliveryAndNeverMoveItBack) {
  SeedCustomersWithPhone();
  const std::int64_t id = SeedSent("SM0001");
  ExpectEmptyTwiml(Post(kStatus, {{"MessageSid", "SM0001"},
                                  {"MessageStatus", "delivered"},
                                  {"AccountSid", "AC123"},
                                  {"To", "+31612345678"}}));
  EXPECT_EQ(DeliveryOf(id), MessageDelivery::kDelivered);
  // A late "sent" arrives after "delivered": answered 200, nothing moves.
  ExpectEmptyTwiml(Post(kStatus, {{"MessageSid", "SM0001"}, {"MessageStatus", "sent"}}));
  EXPECT_EQ(DeliveryOf(id), MessageDelivery::kDelivered);
  ExpectEmptyTwiml(Post(kStatus, {{"MessageSid", "SM0001"}, {"MessageStatus", "read"}}));
  EXPECT_EQ(DeliveryOf(id), MessageDelivery::kRead);

  const std::int64_t failed = SeedSent("SM0002");
  ExpectEmptyTwiml(
      Post(kStatus,
           {{"MessageSid", "SM0002"}, {"MessageStatus", "undelivered"}, {"ErrorCode", "30003"}}));
  EXPECT_EQ(DeliveryOf(failed), MessageDelivery::kFailed);
  EXPECT_TRUE(
      Mentions(outbox_->Events(), "message.delivery " + std::to_string(failed) + " failed 30003"));

  // A voice call that rang out: failed, and its status says why.
  const std::int64_t call = SeedSent("CA0003", "voice");
  ExpectEmptyTwiml(Post(kStatus, {{"CallSid", "CA0003"}, {"CallStatus", "no-answer"}}));
  EXPECT_EQ(DeliveryOf(call), MessageDelivery::kFailed);
  EXPECT_TRUE(Mentions(outbox_->Events(),
                       "message.delivery " + std::to_string(call) + " failed no-answer"));
}

TEST_F(TwilioWebhookTest, UnknownSidsAndUntrackedStatusesAre200WithoutChange) {
  SeedCustomersWithPhone();
  const std::int64_t id = SeedSent("SM0001");
  ExpectEmptyTwiml(Post(kStatus, {{"MessageSid", "SM9999"}, {"MessageStatus", "delivered"}}));
  ExpectEmptyTwiml(Post(kStatus, {{"MessageSid", "SM0001"}, {"MessageStatus", "receiving"}}));
  EXPECT_EQ(DeliveryOf(id), std::nullopt);
  EXPECT_TRUE(outbox_->Events().empty());
}

TEST_F(TwilioWebhookTest, ForgedOrMissingSignaturesAre403AndChangeNothing) {
  SeedCustomersWithPhone();
  const std::int64_t id = SeedSent("SM0001");
  const std::vector<FormParam> delivered = {{"MessageSid", "SM0001"},
                                            {"MessageStatus", "delivered"}};
  // Signed with another auth token.
  EXPECT_EQ(
      Post(kStatus, delivered,
           ComputeRequestSignature("not-our-token", kPublicUrl + std::string(kStatus), delivered))
          .status,
      403);
  // Signed for another URL (the inbound webhook), replayed to the status webhook.
  EXPECT_EQ(
      Post(kStatus, delivered,
           ComputeRequestSignature(kTwilioAuthToken, kPublicUrl + std::string(kInbound), delivered))
          .status,
      403);
  // Signed over other parameters: the status was changed in transit.
  const std::string signed_sent =
      ComputeRequestSignature(kTwilioAuthToken, kPublicUrl + std::string(kStatus),
                              {{"MessageSid", "SM0001"}, {"MessageStatus", "sent"}});
  EXPECT_EQ(Post(kStatus, delivered, signed_sent).status, 403);
  // No signature at all.
  HttpResponse missing = Post(kStatus, delivered, "");
  EXPECT_EQ(missing.status, 403);
  EXPECT_NE(missing.body.find("X-Twilio-Signature"), std::string::npos);
  EXPECT_EQ(DeliveryOf(id), std::nullopt);
  EXPECT_TRUE(outbox_->Events().empty());

  // A forged STOP opts nobody out.
  const std::string before = Snapshot();
  const std::vector<FormParam> stop = {
      {"From", "+31612345678"}, {"Body", "STOP"}, {"MessageSid", "SM1"}};
  EXPECT_EQ(Post(kInbound, stop, "bm90IGEgc2lnbmF0dXJl").status, 403);
  EXPECT_EQ(Snapshot(), before);
  EXPECT_TRUE(tasks_->Events().empty());
}

TEST_F(TwilioWebhookTest, TheSignedUrlIncludesTheQuery) {
  SeedCustomersWithPhone();
  const std::int64_t id = SeedSent("SM0001");
  const std::string target = std::string(kStatus) + "?message=7";
  ExpectEmptyTwiml(Post(target, {{"MessageSid", "SM0001"}, {"MessageStatus", "sent"}}));
  EXPECT_EQ(DeliveryOf(id), MessageDelivery::kSent);
  // Signed without the query: forged.
  const std::vector<FormParam> delivered = {{"MessageSid", "SM0001"},
                                            {"MessageStatus", "delivered"}};
  EXPECT_EQ(
      Post(target, delivered,
           ComputeRequestSignature(kTwilioAuthToken, kPublicUrl + std::string(kStatus), delivered))
          .status,
      403);
}

TEST_F(TwilioWebhookTest, SignedButIncompleteCallbacksAre400) {
  HttpResponse response = Post(kStatus, {{"MessageSid", "SM0001"}});
  EXPECT_EQ(response.status, 400) << response.body;
  EXPECT_EQ(Post(kInbound, {{"Body", "hello"}}).status, 400);
}

TEST_F(TwilioWebhookTest, StopOptsEveryCustomerWithTheNumberOutOfThatChannelAndStartBackIn) {
  SeedCustomersWithPhone();
  ExpectEmptyTwiml(Post(kInbound, {{"From", "whatsapp:+31612345678"},
                                   {"To", "whatsapp:+3185000000"},
                                   {"Body", "Stop!"},
                                   {"MessageSid", "SM1"}}));
  for (const char* customer : {"C1", "C2"}) {
    SCOPED_TRACE(customer);
    const auto events = EventTypes(customer);
    EXPECT_TRUE(Mentions(events, "customer.opted_out")) << ::testing::PrintToString(events);
    EXPECT_TRUE(Mentions(events, "whatsapp"));
    EXPECT_FALSE(Mentions(events, "\"sms\""));
  }
  EXPECT_FALSE(Mentions(EventTypes("C3"), "customer.opted_out"));

  ExpectEmptyTwiml(Post(
      kInbound, {{"From", "whatsapp:+31612345678"}, {"Body", "start"}, {"MessageSid", "SM2"}}));
  EXPECT_TRUE(Mentions(EventTypes("C1"), "customer.opted_in"));
  EXPECT_TRUE(Mentions(EventTypes("C2"), "customer.opted_in"));

  // Over SMS the Belgian customer opts out of sms.
  ExpectEmptyTwiml(
      Post(kInbound, {{"From", "+32470123456"}, {"Body", "UNSUBSCRIBE"}, {"MessageSid", "SM3"}}));
  EXPECT_TRUE(Mentions(EventTypes("C3"), "\"sms\""));
  EXPECT_TRUE(tasks_->Events().empty()) << "keywords open no task";
}

TEST_F(TwilioWebhookTest, AnyOtherTextIsAReplyAndATaskForTheCollector) {
  SeedCustomersWithPhone();
  ExpectEmptyTwiml(Post(kInbound, {{"From", "+32470123456"},
                                   {"Body", "J'ai payé hier, merci de ne plus m'appeler"},
                                   {"MessageSid", "SM77"}}));
  const auto events = tasks_->Events();
  EXPECT_TRUE(Mentions(events, "customer.replied C3 sms SM77 J'ai payé hier"))
      << ::testing::PrintToString(events);
  auto open = tasks_->ListOpenTasks(clock_.Now(), 100);
  ASSERT_TRUE(open.has_value());
  ASSERT_EQ(open->size(), 1U);
  EXPECT_EQ(open->front().kind, TaskKind::kReply);
  EXPECT_EQ(open->front().customer, "C3");
  EXPECT_FALSE(Mentions(EventTypes("C3"), "customer.opted_out"));
}

TEST_F(TwilioWebhookTest, UnknownNumbersAre200AndChangeNothing) {
  SeedCustomersWithPhone();
  const std::string before = Snapshot();
  ExpectEmptyTwiml(
      Post(kInbound, {{"From", "+31687654321"}, {"Body", "STOP"}, {"MessageSid", "SM1"}}));
  ExpectEmptyTwiml(
      Post(kInbound, {{"From", "+31687654321"}, {"Body", "wie is dit?"}, {"MessageSid", "SM2"}}));
  ExpectEmptyTwiml(Post(kInbound, {{"From", "DULY"}, {"Body", "hi"}, {"MessageSid", "SM3"}}));
  EXPECT_EQ(Snapshot(), before);
  EXPECT_TRUE(tasks_->Events().empty());
}

TEST_F(TwilioWebhookTest, WithoutAnAuthTokenOrPublicUrlTheWebhooksAre503NamingTheSetting) {
  for (const auto& [token, url, setting] : {std::tuple<std::string, std::string, std::string>{
                                                "", kPublicUrl, "channels.twilio.auth_token"},
                                            {kTwilioAuthToken, "", "channels.public_url"}}) {
    Router router(MakeTokenAuthenticator(*store_));
    ApiContext context = *context_;
    context.twilio_auth_token = token;
    context.public_url = url;
    AddApiRoutes(router, context);
    for (const char* target : {kStatus, kInbound}) {
      HttpResponse response =
          Post(target, {{"MessageSid", "SM1"}, {"MessageStatus", "sent"}}, std::nullopt, &router);
      EXPECT_EQ(response.status, 503) << target;
      EXPECT_NE(response.body.find(setting), std::string::npos) << response.body;
    }
  }
}

// The same webhooks over the real SociStore as TaskStore and OutboxStore (what dulyd wires): a
// reply reaches the work list with its customer's name, and unknown SIDs are still 200.
TEST_F(TwilioWebhookTest, ARepliedMessageReachesTheWorkListThroughTheRealStore) {
  SeedCustomersWithPhone();
  Router router(MakeTokenAuthenticator(*store_));
  ApiContext context = *context_;
  context.tasks = store_.get();
  context.outbox = store_.get();
  AddApiRoutes(router, context);
  ExpectEmptyTwiml(Post(
      kInbound, {{"From", "+32470123456"}, {"Body", "Factuur klopt niet"}, {"MessageSid", "SM9"}},
      std::nullopt, &router));
  ExpectEmptyTwiml(Post(kStatus, {{"MessageSid", "SM404"}, {"MessageStatus", "delivered"}},
                        std::nullopt, &router));
  auto get = [&](const std::string& target) {
    HttpRequest request;
    request.method = "GET";
    request.target = target;
    auto parsed = ParseRequestTarget(target);
    request.path = parsed->path;
    request.query = parsed->query;
    request.headers["authorization"] = "Bearer " + tokens_.at(Role::kCollector);
    return router.Handle(request);
  };
  HttpResponse list = get("/v1/tasks");
  ASSERT_EQ(list.status, 200) << list.body;
  const nlohmann::json items = Json(list)["items"];
  ASSERT_EQ(items.size(), 1U) << list.body;
  EXPECT_EQ(items[0]["kind"], "reply");
  EXPECT_EQ(items[0]["customer"], "C3");
  EXPECT_EQ(items[0]["customer_name"], "Café Ça Va");
  EXPECT_NE(items[0]["detail"].get<std::string>().find("Factuur klopt niet"), std::string::npos);
  EXPECT_TRUE(Mentions(EventTypes("C3"), "customer.replied"));
  HttpResponse messages = get("/v1/customers/C3/messages");
  ASSERT_EQ(messages.status, 200) << messages.body;
  EXPECT_EQ(Json(messages)["items"], nlohmann::json::array());
}

TEST_F(TwilioWebhookTest, TheVoiceMenuConnectsToTheCollectorInTheCallsLanguage) {
  const std::string target = "/v1/webhooks/twilio/voice-menu?language=fr";
  const std::vector<FormParam> pressed = {{"CallSid", "CA0001"}, {"Digits", "1"}};
  // Without a collector number the menu is off.
  EXPECT_EQ(Post(target, pressed).status, 503);

  ApiContext with_collector = *context_;
  with_collector.twilio_collector_number = "+3225551234";
  Router router(MakeTokenAuthenticator(*store_));
  AddApiRoutes(router, with_collector);
  const HttpResponse dial = Post(target, pressed, std::nullopt, &router);
  ASSERT_EQ(dial.status, 200) << dial.body;
  EXPECT_EQ(dial.content_type, "text/xml");
  EXPECT_NE(dial.body.find("<Dial"), std::string::npos) << dial.body;
  EXPECT_NE(dial.body.find("+3225551234"), std::string::npos);
  EXPECT_NE(dial.body.find("fr-BE"), std::string::npos);

  const HttpResponse other =
      Post(target, {{"CallSid", "CA0001"}, {"Digits", "9"}}, std::nullopt, &router);
  ASSERT_EQ(other.status, 200);
  EXPECT_EQ(other.body.find("<Dial"), std::string::npos);
  EXPECT_NE(other.body.find("<Hangup"), std::string::npos);

  // Signed for another language: forged.
  const std::string signed_nl = ComputeRequestSignature(
      kTwilioAuthToken, kPublicUrl + std::string("/v1/webhooks/twilio/voice-menu?language=nl"),
      pressed);
  EXPECT_EQ(Post(target, pressed, signed_nl, &router).status, 403);
}

}  // namespace
}  // namespace duly::daemon
