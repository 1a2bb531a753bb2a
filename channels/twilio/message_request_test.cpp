#include "channels/twilio/message_request.h"

#include <map>
#include <regex>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "channels/twilio/shared_fixtures.h"

namespace duly::channels::twilio {
namespace {

const std::string kAccount = "AC0123456789abcdef0123456789abcdef";
const std::string kService = "MG0123456789abcdef0123456789abcdef";
const std::string kContent = "HXb5b62575e6e4ff6129ad7c8efe1f983e";

TwilioSender Sender() {
  return {kAccount,         "+3197010203040", "",
          "+3197010203041", "+3220000000",    "https://duly.example.be/twilio/status?outbox=7"};
}

OutboundMessage Message(std::string channel) {
  OutboundMessage message;
  message.id = 7;
  message.channel = std::move(channel);
  message.to = "+32470123456";
  message.language = "fr";
  message.text = "Bonjour Frédéric, la facture F-12 (€ 125,00) est échue. Merci & à bientôt!";
  return message;
}

std::map<std::string, std::string> Fields(const FormRequest& request) {
  std::map<std::string, std::string> fields;
  for (const auto& [key, value] : request.fields) fields[key] = value;
  return fields;
}

TEST(MessageRequest, FormEncodingIsUtf8PercentEncodedWithSpaceAsPercent20) {
  EXPECT_EQ(FormUrlEncode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(FormUrlEncode("+32 470&x=1"), "%2B32%20470%26x%3D1");
  EXPECT_EQ(FormUrlEncode("\xE2\x82\xAC é"), "%E2%82%AC%20%C3%A9");
  EXPECT_EQ(FormUrlEncode("whatsapp:+1"), "whatsapp%3A%2B1");
  const FormRequest request{"/p", {{"To", "+1 2"}, {"Body", "a+b"}}};
  EXPECT_EQ(request.Body(), "To=%2B1%202&Body=a%2Bb");
}

TEST(MessageRequest, Sms) {
  const auto request = BuildMessageRequest(Message("sms"), Sender());
  ASSERT_TRUE(request.has_value()) << request.error().message;
  EXPECT_EQ(request->path, "/2010-04-01/Accounts/" + kAccount + "/Messages.json");
  EXPECT_EQ(request->fields,
            (std::vector<FormParam>{{"To", "+32470123456"},
                                    {"From", "+3197010203040"},
                                    {"Body", Message("sms").text},
                                    {"StatusCallback", Sender().status_callback_url}}));
  EXPECT_EQ(request->Body().substr(0, 48), "To=%2B32470123456&From=%2B3197010203040&Body=Bon");

  auto with_service = Sender();
  with_service.messaging_service_sid = kService;
  const auto via_service = BuildMessageRequest(Message("sms"), with_service);
  ASSERT_TRUE(via_service.has_value());
  EXPECT_EQ(Fields(*via_service).count("From"), 0U);
  EXPECT_EQ(Fields(*via_service).at("MessagingServiceSid"), kService);
}

TEST(MessageRequest, WhatsAppInsideTheWindowSendsBody) {
  const auto request = BuildMessageRequest(Message("whatsapp"), Sender());
  ASSERT_TRUE(request.has_value()) << request.error().message;
  const auto fields = Fields(*request);
  EXPECT_EQ(fields.at("To"), "whatsapp:+32470123456");
  EXPECT_EQ(fields.at("From"), "whatsapp:+3197010203041");
  EXPECT_EQ(fields.at("Body"), Message("whatsapp").text);
  EXPECT_EQ(fields.count("ContentSid"), 0U);
}

TEST(MessageRequest, WhatsAppOutsideTheWindowSendsTheTemplateAndNoBody) {
  const ContentTemplate reminder{kContent, {{"1", "Frédéric"}, {"2", "\xE2\x82\xAC 125,00"}}};
  const auto request = BuildMessageRequest(Message("whatsapp"), Sender(), reminder);
  ASSERT_TRUE(request.has_value()) << request.error().message;
  const auto fields = Fields(*request);
  EXPECT_EQ(fields.count("Body"), 0U);
  EXPECT_EQ(fields.count("MediaUrl"), 0U);
  EXPECT_EQ(fields.at("ContentSid"), kContent);
  EXPECT_EQ(nlohmann::json::parse(fields.at("ContentVariables")),
            (nlohmann::json{{"1", "Frédéric"}, {"2", "\xE2\x82\xAC 125,00"}}));
  EXPECT_EQ(fields.at("StatusCallback"), Sender().status_callback_url);
}

TEST(MessageRequest, RefusalsNameTheField) {
  const auto field_of = [](const Result<FormRequest>& result) {
    return result.has_value() || result.error().fields.empty() ? std::string("(none)")
                                                               : result.error().fields[0].field;
  };
  auto message = Message("sms");
  message.to = "0470123456";
  EXPECT_EQ(field_of(BuildMessageRequest(message, Sender())), "/to");
  message = Message("sms");
  message.text.clear();
  EXPECT_EQ(field_of(BuildMessageRequest(message, Sender())), "/text");
  message.text = std::string(1601, 'x');
  EXPECT_EQ(field_of(BuildMessageRequest(message, Sender())), "/text");
  EXPECT_EQ(field_of(BuildMessageRequest(Message("email"), Sender())), "/channel");
  auto sender = Sender();
  sender.account_sid = "AC123";
  EXPECT_EQ(field_of(BuildMessageRequest(Message("sms"), sender)), "/sender/account_sid");
  sender = Sender();
  sender.sms_from.clear();
  EXPECT_EQ(field_of(BuildMessageRequest(Message("sms"), sender)), "/sender/sms_from");
  sender = Sender();
  sender.status_callback_url = "/relative";
  EXPECT_EQ(field_of(BuildMessageRequest(Message("sms"), sender)), "/sender/status_callback_url");
  EXPECT_EQ(
      field_of(BuildMessageRequest(Message("whatsapp"), Sender(), ContentTemplate{"HX1", {}})),
      "/template/content_sid");
  EXPECT_EQ(field_of(BuildMessageRequest(Message("sms"), Sender(), ContentTemplate{kContent, {}})),
            "/template");
  EXPECT_EQ(field_of(BuildCallRequest(Message("voice"), Sender(), CallScript{})), "/script");
  EXPECT_EQ(field_of(BuildCallRequest(Message("voice"), Sender(),
                                      CallScript{"<Response/>", "https://x"})),
            "/script");
  EXPECT_EQ(field_of(BuildCallRequest(Message("sms"), Sender(), CallScript{"<Response/>", ""})),
            "/channel");
}

TEST(MessageRequest, Calls) {
  const std::string twiml =
      "<Response><Say language=\"fr-FR\">Bonjour</Say><Dial>+3220000001</Dial></Response>";
  const auto request = BuildCallRequest(Message("voice"), Sender(), CallScript{twiml, ""});
  ASSERT_TRUE(request.has_value()) << request.error().message;
  EXPECT_EQ(request->path, "/2010-04-01/Accounts/" + kAccount + "/Calls.json");
  EXPECT_EQ(request->fields,
            (std::vector<FormParam>{{"To", "+32470123456"},
                                    {"From", "+3220000000"},
                                    {"Twiml", twiml},
                                    {"StatusCallback", Sender().status_callback_url}}));
  const auto by_url = BuildCallRequest(Message("voice"), Sender(),
                                       CallScript{"", "https://duly.example.be/twiml/7"});
  ASSERT_TRUE(by_url.has_value());
  EXPECT_EQ(Fields(*by_url).at("Url"), "https://duly.example.be/twiml/7");
}

// Twilio's official OpenAPI document: every field sent must be a declared property of the
// operation's form schema, satisfy its pattern and length, and the required ones be present.
class MessageRequestContract : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (const auto path = testing::TwilioFixture("twilio_api_v2010.json")) {
      spec_ = new nlohmann::json(nlohmann::json::parse(testing::ReadFixture(*path)));
    }
  }
  static void TearDownTestSuite() {
    delete spec_;
    spec_ = nullptr;
  }
  void SetUp() override {
    if (spec_ == nullptr) {
      GTEST_SKIP() << "twilio_api_v2010.json not found under " << testing::TwilioFixtureDir()
                   << " (set DULY_SHARED_DIR to the folder holding fixtures/twilio)";
    }
  }

  static void ExpectConforms(const std::string& operation, const FormRequest& request) {
    const auto& schema = spec_->at("paths")
                             .at("/2010-04-01/Accounts/{AccountSid}/" + operation)
                             .at("post")
                             .at("requestBody")
                             .at("content")
                             .at("application/x-www-form-urlencoded")
                             .at("schema");
    const auto& properties = schema.at("properties");
    const auto fields = Fields(request);
    for (const auto& [key, value] : request.fields) {
      ASSERT_TRUE(properties.contains(key)) << operation << ": " << key << " is not declared";
      const auto& property = properties.at(key);
      EXPECT_EQ(property.value("type", ""), "string") << key;
      if (property.contains("pattern")) {
        EXPECT_TRUE(std::regex_search(value, std::regex(property.at("pattern").get<std::string>())))
            << key << "=" << value;
      }
      if (property.contains("minLength")) {
        EXPECT_GE(value.size(), property.at("minLength").get<std::size_t>()) << key;
      }
      if (property.contains("maxLength")) {
        EXPECT_LE(value.size(), property.at("maxLength").get<std::size_t>()) << key;
      }
      if (property.value("format", "") == "uri") {
        EXPECT_EQ(value.rfind("http", 0), 0U) << key << "=" << value;
      }
    }
    for (const auto& required : schema.at("required")) {
      EXPECT_EQ(fields.count(required.get<std::string>()), 1U)
          << operation << ": required " << required << " missing";
    }
  }

  static nlohmann::json* spec_;
};
nlohmann::json* MessageRequestContract::spec_ = nullptr;

TEST_F(MessageRequestContract, MessagesRequestsMatchTwiliosSchema) {
  auto with_service = Sender();
  with_service.messaging_service_sid = kService;
  const ContentTemplate reminder{kContent, {{"1", "Jan"}}};
  for (const auto& request : {BuildMessageRequest(Message("sms"), Sender()),
                              BuildMessageRequest(Message("sms"), with_service),
                              BuildMessageRequest(Message("whatsapp"), Sender()),
                              BuildMessageRequest(Message("whatsapp"), Sender(), reminder),
                              BuildMessageRequest(Message("whatsapp"), with_service, reminder)}) {
    ASSERT_TRUE(request.has_value()) << request.error().message;
    ExpectConforms("Messages.json", *request);
  }
}

TEST_F(MessageRequestContract, CallsRequestsMatchTwiliosSchema) {
  for (const auto& script : {CallScript{"<Response><Say>Hallo</Say></Response>", ""},
                             CallScript{"", "https://duly.example.be/twiml/7"}}) {
    const auto request = BuildCallRequest(Message("voice"), Sender(), script);
    ASSERT_TRUE(request.has_value()) << request.error().message;
    ExpectConforms("Calls.json", *request);
  }
}

TEST_F(MessageRequestContract, AnUndeclaredFieldWouldBeCaught) {
  // The check itself can fail: a request with a misspelt field is not declared by the schema.
  const auto& properties = spec_->at("paths")
                               .at("/2010-04-01/Accounts/{AccountSid}/Messages.json")
                               .at("post")
                               .at("requestBody")
                               .at("content")
                               .at("application/x-www-form-urlencoded")
                               .at("schema")
                               .at("properties");
  EXPECT_FALSE(properties.contains("Text"));
  EXPECT_FALSE(properties.contains("Twiml"));
  EXPECT_TRUE(properties.contains("ContentVariables"));
}

}  // namespace
}  // namespace duly::channels::twilio
