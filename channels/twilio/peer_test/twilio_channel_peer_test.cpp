// TwilioChannel against real peers: prism serving Twilio's own OpenAPI document (a request that
// breaks Twilio's contract gets 422 and fails these tests) and tests/peers/twilio_fault_proxy.py
// in front of it for Twilio's failures. Both are started once for the binary (prism needs ~15 s);
// every test skips with the reason when tests/peers/node_modules or the fixture is missing.
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "channels/http/curl_http_client.h"
#include "channels/http/testing/peer_process.h"
#include "channels/twilio/testing/twilio_peers.h"
#include "channels/twilio/twilio_channel.h"
#include "channels/twilio/twilio_error.h"

namespace duly::channels::twilio {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr char kAccount[] = "AC0123456789abcdef0123456789abcdef";
constexpr char kContentSid[] = "HXabcdef0123456789abcdef0123456789";

// prism and the fault proxy, started once for the whole binary.
class PeersEnvironment : public ::testing::Environment {
 public:
  void SetUp() override { peers.Start(DULY_TEST_PEERS_DIR); }
  void TearDown() override { peers.Stop(); }
  static inline testing::TwilioPeers peers;
};

const auto* const kPeers = ::testing::AddGlobalTestEnvironment(new PeersEnvironment);

class TwilioChannelPeerTest : public ::testing::Test {
 protected:
  static const testing::TwilioPeers& Peers() { return PeersEnvironment::peers; }

  void SetUp() override {
    if (!Peers().skip_reason().empty()) GTEST_SKIP() << Peers().skip_reason();
    ASSERT_TRUE(Peers().start_error().empty()) << Peers().start_error();
  }

  static TwilioConfig Config(const std::string& base_url) {
    TwilioConfig config;
    config.base_url = base_url;
    config.auth_token = "test-auth-token";
    config.sender.account_sid = kAccount;
    config.sender.sms_from = "+3225550000";
    config.sender.whatsapp_from = "+3225550001";
    config.sender.voice_from = "+3225550002";
    config.sender.status_callback_url = "https://duly.example/webhooks/twilio/status";
    config.request_timeout = milliseconds(1000);
    config.whatsapp_contents = {{"first-reminder", "nl", kContentSid}};
    config.template_id_of = [](const OutboundMessage&) { return std::string("first-reminder"); };
    config.collector_number = "+3225551234";
    config.voice_menu_url = "https://duly.example/webhooks/twilio/voice-menu";
    return config;
  }

  TwilioChannel Channel(const std::string& name, const std::string& base_url) {
    return TwilioChannel(name, Config(base_url), client_);
  }
  TwilioChannel Channel(const std::string& name, TwilioConfig config) {
    return TwilioChannel(name, std::move(config), client_);
  }

  static OutboundMessage Message(std::string channel, std::string to, std::string text) {
    OutboundMessage message;
    message.id = 7;
    message.channel = std::move(channel);
    message.to = std::move(to);
    message.customer = "C1";
    message.language = "nl";
    message.text = std::move(text);
    return message;
  }

  // What the fault proxy recorded for `to` (prism created these messages).
  nlohmann::json Recorded(const std::string& to) {
    http::HttpRequest request;
    request.url = Peers().proxy_url() + "/_recorded";
    const auto outcome = client_->Perform(request);
    nlohmann::json found = nlohmann::json::array();
    if (const auto* response = std::get_if<http::HttpResponse>(&outcome)) {
      const auto listing = nlohmann::json::parse(response->body);
      for (const auto& record : listing["messages"]) {
        if (record["to"] == to) found.push_back(record);
      }
    }
    return found;
  }

  std::shared_ptr<http::CurlHttpClient> client_ = std::make_shared<http::CurlHttpClient>();
};

SendReceipt ReceiptOf(const SendOutcome& outcome) {
  if (const auto* failure = std::get_if<SendFailure>(&outcome)) {
    ADD_FAILURE() << FailureKindName(failure->kind) << ": " << failure->reason;
    return {};
  }
  return std::get<SendReceipt>(outcome);
}

SendFailure FailureOf(const SendOutcome& outcome) {
  if (const auto* receipt = std::get_if<SendReceipt>(&outcome)) {
    ADD_FAILURE() << "sent as " << receipt->provider_id;
    return {};
  }
  return std::get<SendFailure>(outcome);
}

bool IsMessageSid(const std::string& sid) {
  return sid.size() == 34 && (sid.starts_with("SM") || sid.starts_with("MM"));
}

TEST_F(TwilioChannelPeerTest, SendsAnSmsTheMockAccepts) {
  auto sms = Channel("sms", Peers().prism_url());
  const SendReceipt receipt =
      ReceiptOf(sms.Send(Message("sms", "+32470000101", "Factuur INV-1: € 125,00 vervalt")));
  EXPECT_TRUE(IsMessageSid(receipt.provider_id)) << receipt.provider_id;
}

TEST_F(TwilioChannelPeerTest, TheMockRefusesARequestThatBreaksTwiliosContract) {
  // What these tests rely on: prism answers 422 to a Messages POST without To, and the channel
  // reads that answer as a permanent failure.
  http::HttpRequest request =
      http::FormPost(Peers().prism_url() + "/2010-04-01/Accounts/" + kAccount + "/Messages.json",
                     "From=%2B3225550000&Body=hi");
  request.basic_auth = std::make_pair(std::string(kAccount), std::string("test-auth-token"));
  const auto outcome = client_->Perform(request);
  ASSERT_TRUE(std::holds_alternative<http::HttpResponse>(outcome));
  const auto& response = std::get<http::HttpResponse>(outcome);
  EXPECT_EQ(response.status, 422) << response.body;
  EXPECT_EQ(ClassifyTwilioError(422, "", response.body, std::chrono::system_clock::now()).kind,
            FailureKind::kPermanent);
}

TEST_F(TwilioChannelPeerTest, SendsAnSmsThroughAMessagingService) {
  TwilioConfig config = Config(Peers().prism_url());
  config.sender.messaging_service_sid = "MG0123456789abcdef0123456789abcdef";
  auto sms = Channel("sms", std::move(config));
  EXPECT_TRUE(
      IsMessageSid(ReceiptOf(sms.Send(Message("sms", "+32470000102", "Hallo"))).provider_id));
}

TEST_F(TwilioChannelPeerTest, SendsWhatsAppAsBodyInsideTheSessionWindow) {
  TwilioConfig config = Config(Peers().proxy_url());
  config.whatsapp_session_open = [](const OutboundMessage&) { return true; };
  auto whatsapp = Channel("whatsapp", std::move(config));
  const SendReceipt receipt =
      ReceiptOf(whatsapp.Send(Message("whatsapp", "+32470000103", "Bedankt voor uw bericht")));
  EXPECT_TRUE(IsMessageSid(receipt.provider_id));
  const auto recorded = Recorded("whatsapp:+32470000103");
  ASSERT_EQ(recorded.size(), 1u);
  EXPECT_EQ(recorded[0]["from"], "whatsapp:+3225550001");
  EXPECT_EQ(recorded[0]["body"], "Bedankt voor uw bericht");
  EXPECT_TRUE(recorded[0]["content_sid"].is_null());
}

TEST_F(TwilioChannelPeerTest, SendsWhatsAppAsAnApprovedTemplateOutsideTheWindow) {
  auto whatsapp = Channel("whatsapp", Peers().proxy_url());
  const SendReceipt receipt =
      ReceiptOf(whatsapp.Send(Message("whatsapp", "+32470000104", "Factuur INV-1 vervalt")));
  EXPECT_TRUE(IsMessageSid(receipt.provider_id));
  const auto recorded = Recorded("whatsapp:+32470000104");
  ASSERT_EQ(recorded.size(), 1u);
  EXPECT_EQ(recorded[0]["content_sid"], kContentSid);
  EXPECT_TRUE(recorded[0]["body"].is_null());  // Body must go (RULES.md §7.1)
}

TEST_F(TwilioChannelPeerTest, WhatsAppOutsideTheWindowWithoutATemplateFailsPermanently) {
  auto whatsapp = Channel("whatsapp", Peers().proxy_url());
  OutboundMessage message = Message("whatsapp", "+32470000105", "Bonjour");
  message.language = "fr";
  const SendFailure failure = FailureOf(whatsapp.Send(message));
  EXPECT_EQ(failure.kind, FailureKind::kPermanent);
  EXPECT_NE(failure.reason.find("no approved WhatsApp template"), std::string::npos)
      << failure.reason;
  EXPECT_TRUE(Recorded("whatsapp:+32470000105").empty());
}

TEST_F(TwilioChannelPeerTest, PlacesACallAndReadsItsStatus) {
  auto voice = Channel("voice", Peers().prism_url());
  const SendReceipt receipt =
      ReceiptOf(voice.Send(Message("voice", "+32470000106", "Uw factuur INV-1 is vervallen.")));
  EXPECT_TRUE(receipt.provider_id.starts_with("CA")) << receipt.provider_id;
  const StatusOutcome status = voice.Status(receipt.provider_id);
  EXPECT_TRUE(std::holds_alternative<DeliveryState>(status))
      << std::get<SendFailure>(status).reason;
}

TEST_F(TwilioChannelPeerTest, ReadsAMessagesStatusAndCancelsIt) {
  auto sms = Channel("sms", Peers().prism_url());
  const SendReceipt receipt = ReceiptOf(sms.Send(Message("sms", "+32470000107", "Herinnering")));
  const StatusOutcome status = sms.Status(receipt.provider_id);
  EXPECT_TRUE(std::holds_alternative<DeliveryState>(status))
      << std::get<SendFailure>(status).reason;
  const StatusOutcome canceled = sms.Cancel(receipt.provider_id);
  EXPECT_TRUE(std::holds_alternative<DeliveryState>(canceled))
      << std::get<SendFailure>(canceled).reason;
}

TEST_F(TwilioChannelPeerTest, KeepsHundredsOfSendsInFlight) {
  TwilioConfig config = Config(Peers().prism_url());
  config.request_timeout = seconds(30);  // prism answers 200 at once slowly
  auto sms = Channel("sms", std::move(config));
  constexpr int kMessages = 200;
  std::mutex mutex;
  std::condition_variable finished;
  int done = 0;
  int sent = 0;
  for (int i = 0; i < kMessages; ++i) {
    sms.StartSend(
        Message("sms", "+3247100" + std::to_string(1000 + i), "Bericht " + std::to_string(i)),
        [&](SendOutcome outcome) {
          std::lock_guard lock(mutex);
          sent += std::holds_alternative<SendReceipt>(outcome) ? 1 : 0;
          ++done;
          finished.notify_all();
        });
  }
  std::unique_lock lock(mutex);
  ASSERT_TRUE(finished.wait_for(lock, seconds(60), [&] { return done == kMessages; }));
  EXPECT_EQ(sent, kMessages);
}

TEST_F(TwilioChannelPeerTest, A500IsTransientAndTheRetryIsSent) {
  auto sms = Channel("sms", Peers().proxy_url());
  const auto message = Message("sms", "+32470000190", "Herinnering 500");
  const SendFailure failure = FailureOf(sms.Send(message));
  EXPECT_EQ(failure.kind, FailureKind::kTransient);
  EXPECT_EQ(failure.provider_code, "20500");
  EXPECT_TRUE(IsMessageSid(ReceiptOf(sms.Send(message)).provider_id));
  EXPECT_EQ(Recorded("+32470000190").size(), 1u);
}

TEST_F(TwilioChannelPeerTest, A429IsTransientWithRetryAfter) {
  auto sms = Channel("sms", Peers().proxy_url());
  const auto message = Message("sms", "+32470000191", "Herinnering 429");
  const SendFailure failure = FailureOf(sms.Send(message));
  EXPECT_EQ(failure.kind, FailureKind::kTransient);
  EXPECT_EQ(failure.retry_after, seconds(1));
  EXPECT_TRUE(IsMessageSid(ReceiptOf(sms.Send(message)).provider_id));
}

TEST_F(TwilioChannelPeerTest, AHangIsAnUnknownOutcomeThatReconcileFinds) {
  auto sms = Channel("sms", Peers().proxy_url());
  const auto message = Message("sms", "+32470000192", "Herinnering: de factuur INV-9 vervalt");
  const Instant attempted_at =
      std::chrono::time_point_cast<milliseconds>(std::chrono::system_clock::now());
  const SendFailure failure = FailureOf(sms.Send(message));
  EXPECT_EQ(failure.kind, FailureKind::kUnknownOutcome) << failure.reason;
  const auto recorded = Recorded("+32470000192");
  ASSERT_EQ(recorded.size(), 1u);  // Twilio has it although the client timed out
  const auto reconciled = sms.Reconcile(message, attempted_at);
  ASSERT_TRUE(std::holds_alternative<SendReceipt>(reconciled));
  EXPECT_EQ(std::get<SendReceipt>(reconciled).provider_id, recorded[0]["sid"]);
  EXPECT_EQ(std::get<SendReceipt>(reconciled).state, DeliveryState::kSent);
  // A different body to the same number is not this message.
  const auto other = sms.Reconcile(Message("sms", "+32470000192", "iets anders"), attempted_at);
  ASSERT_TRUE(std::holds_alternative<duly::Status>(other));
  EXPECT_EQ(std::get<duly::Status>(other).error().code, ErrorCode::kNotFound);
}

TEST_F(TwilioChannelPeerTest, ADroppedConnectionIsAnUnknownOutcomeAndReconcileFindsNothing) {
  auto sms = Channel("sms", Peers().proxy_url());
  const auto message = Message("sms", "+32470000193", "Herinnering drop");
  const Instant attempted_at =
      std::chrono::time_point_cast<milliseconds>(std::chrono::system_clock::now());
  const SendFailure failure = FailureOf(sms.Send(message));
  EXPECT_EQ(failure.kind, FailureKind::kUnknownOutcome) << failure.reason;
  const auto reconciled = sms.Reconcile(message, attempted_at);
  ASSERT_TRUE(std::holds_alternative<duly::Status>(reconciled));
  EXPECT_EQ(std::get<duly::Status>(reconciled).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(IsMessageSid(ReceiptOf(sms.Send(message)).provider_id));  // safe to send again
  EXPECT_EQ(Recorded("+32470000193").size(), 1u);
}

TEST_F(TwilioChannelPeerTest, AnInvalidNumberIsPermanent) {
  auto sms = Channel("sms", Peers().proxy_url());
  const SendFailure failure = FailureOf(sms.Send(Message("sms", "+32470000194", "Herinnering")));
  EXPECT_EQ(failure.kind, FailureKind::kPermanent);
  EXPECT_EQ(failure.provider_code, "21211");
  EXPECT_NE(failure.reason.find("+32470000194 is not a valid phone number"), std::string::npos)
      << failure.reason;
  const SendFailure unsubscribed =
      FailureOf(sms.Send(Message("sms", "+32470000195", "Herinnering")));
  EXPECT_EQ(unsubscribed.kind, FailureKind::kPermanent);
  EXPECT_EQ(unsubscribed.provider_code, "21610");
}

TEST_F(TwilioChannelPeerTest, AnUnreachableTwilioIsTransient) {
  auto sms =
      Channel("sms", "http://127.0.0.1:" + std::to_string(http::testing::FreeLoopbackPort()));
  const SendFailure failure = FailureOf(sms.Send(Message("sms", "+32470000108", "Herinnering")));
  EXPECT_EQ(failure.kind, FailureKind::kTransient) << failure.reason;
}

}  // namespace
}  // namespace duly::channels::twilio
