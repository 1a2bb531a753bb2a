#include "channels/twilio/twilio_channel.h"

#include <gtest/gtest.h>

#include "channels/http/curl_http_client.h"

namespace duly::channels::twilio {
namespace {

// Which WhatsApp form a message takes (RULES.md §7.1); sending is tested against prism in
// peer_test/twilio_channel_peer_test.cpp.
class WhatsAppTemplateTest : public ::testing::Test {
 protected:
  TwilioChannel Channel(TwilioConfig config) {
    config.sender.account_sid = "AC0123456789abcdef0123456789abcdef";
    config.sender.whatsapp_from = "+3225550001";
    return TwilioChannel("whatsapp", std::move(config), client_);
  }
  static OutboundMessage Message(std::string language) {
    OutboundMessage message;
    message.channel = "whatsapp";
    message.to = "+32470000001";
    message.language = std::move(language);
    message.text = "Factuur INV-1 vervalt";
    return message;
  }
  std::shared_ptr<http::CurlHttpClient> client_ = std::make_shared<http::CurlHttpClient>();
};

constexpr char kFirst[] = "HX00000000000000000000000000000001";
constexpr char kAny[] = "HX00000000000000000000000000000002";

TEST_F(WhatsAppTemplateTest, OutsideTheWindowTheTemplatesOwnContentWinsOverTheLanguageDefault) {
  TwilioConfig config;
  config.whatsapp_contents = {{"", "nl", kAny}, {"first-reminder", "nl", kFirst}};
  config.template_id_of = [](const OutboundMessage&) { return std::string("first-reminder"); };
  auto channel = Channel(std::move(config));
  const auto chosen = channel.WhatsAppTemplateFor(Message("nl"));
  ASSERT_TRUE(chosen.has_value());
  ASSERT_TRUE(chosen->has_value());
  EXPECT_EQ((*chosen)->content_sid, kFirst);
  ASSERT_EQ((*chosen)->variables.size(), 1u);
  EXPECT_EQ((*chosen)->variables[0], std::make_pair(std::string("1"), Message("nl").text));
}

TEST_F(WhatsAppTemplateTest, TheLanguageDefaultServesOtherTemplates) {
  TwilioConfig config;
  config.whatsapp_contents = {{"first-reminder", "nl", kFirst}, {"", "nl", kAny}};
  config.template_id_of = [](const OutboundMessage&) { return std::string("second-reminder"); };
  auto channel = Channel(std::move(config));
  const auto chosen = channel.WhatsAppTemplateFor(Message("nl"));
  ASSERT_TRUE(chosen.has_value() && chosen->has_value());
  EXPECT_EQ((*chosen)->content_sid, kAny);
}

TEST_F(WhatsAppTemplateTest, WithoutAnApprovedTemplateOutsideTheWindowItIsRefused) {
  TwilioConfig config;
  config.whatsapp_contents = {{"", "nl", kAny}};
  auto channel = Channel(std::move(config));
  const auto chosen = channel.WhatsAppTemplateFor(Message("fr"));
  ASSERT_FALSE(chosen.has_value());
  EXPECT_EQ(chosen.error().code, ErrorCode::kPolicy);
}

TEST_F(WhatsAppTemplateTest, InsideTheSessionWindowTheTextGoesAsBody) {
  TwilioConfig config;
  config.whatsapp_session_open = [](const OutboundMessage&) { return true; };
  auto channel = Channel(std::move(config));
  const auto chosen = channel.WhatsAppTemplateFor(Message("fr"));
  ASSERT_TRUE(chosen.has_value());
  EXPECT_FALSE(chosen->has_value());
}

TEST_F(WhatsAppTemplateTest, AMessageForAnotherChannelIsRefusedWithoutSending) {
  auto channel = Channel(TwilioConfig{});
  OutboundMessage sms = Message("nl");
  sms.channel = "sms";
  const SendOutcome outcome = channel.Send(sms);
  ASSERT_TRUE(std::holds_alternative<SendFailure>(outcome));
  EXPECT_EQ(std::get<SendFailure>(outcome).kind, FailureKind::kPermanent);
  EXPECT_NE(std::get<SendFailure>(outcome).reason.find("/channel"), std::string::npos)
      << std::get<SendFailure>(outcome).reason;
}

}  // namespace
}  // namespace duly::channels::twilio
