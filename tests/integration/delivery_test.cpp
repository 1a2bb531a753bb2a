// dulyd delivers through real peers: e-mail to an aiosmtpd server, SMS, WhatsApp (as an approved
// Content template) and a voice call to prism serving Twilio's OpenAPI document behind the
// fault proxy, and a letter into the spool and the day's print batch. Then every way Twilio and
// SMTP fail (500, 429 with Retry-After, a hang after the message was created, a dropped
// connection, 21211, 21610, SMTP 550), and a paid invoice's queued message. prism starts once
// for the binary (~15 s); each test runs its own dulyd, SMTP sink and database.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "tests/integration/delivery_fixture.h"
#include "workflows/base64.h"

namespace duly::testing {
namespace {

using nlohmann::json;

constexpr const char* kContentSid = "HX0123456789abcdef0123456789abcdef";
// Bytes a text round trip would spoil: NUL, high bytes, CR LF, a long line.
const std::string kInvoicePdf = std::string("%PDF-1.4\n%\xe2\xe3\xcf\xd3\r\n") +
                                std::string("\0\xff\xfe\x80", 4) + std::string(200, 'x') +
                                "\n%%EOF\n";

json Step(const std::string& id, const json& channel, const std::string& template_id) {
  return {{"id", id},
          {"at", "due+1d"},
          {"action", {{"type", "message"}, {"channel", channel}, {"template", template_id}}}};
}

json Invoice(const std::string& id, const std::string& customer, const std::string& amount) {
  return {{"id", id},
          {"customer", customer},
          {"issued", "2026-02-08"},
          {"due", "2026-03-10"},
          {"amount", amount}};
}

json Customer(const std::string& id, const std::string& phone, const json& preferred) {
  return {{"id", id},
          {"name", "Klant " + id},
          {"language", "nl"},
          {"phone", phone},
          {"preferred_channels", preferred}};
}

const json* ByChannel(const json& messages, const std::string& channel) {
  for (const json& message : messages) {
    if (message["channel"] == channel) return &message;
  }
  return nullptr;
}

// Each channel delivers once through its real peer; the letter is printed after the print time.
class HappyPathTest : public DeliveryFixture {
  void Adjust(json& channels) override {
    channels["twilio"]["whatsapp_templates"] = {{"reminder-friendly.fr", kContentSid}};
  }
};

TEST_F(HappyPathTest, EveryChannelDeliversThroughItsPeer) {
  SaveWorkflow(json::array({Step("by-email", "email", "reminder-friendly"),
                            Step("by-sms", "sms", "reminder-friendly"),
                            Step("by-whatsapp", "whatsapp", "reminder-friendly"),
                            Step("by-voice", "voice", "reminder-friendly"),
                            Step("by-letter", "letter", "reminder-friendly")}));
  const std::string phone = "+32470123456";
  Call("POST", "/v1/customers",
       {{"customers",
         {{{"id", "C1"},
           {"name", "Café Zoë"},
           {"language", "fr"},
           {"email", "zoe@cafe.example"},
           {"phone", phone},
           {"whatsapp", true},
           {"address",
            {{"street", "Rue de l'Église 12"},
             {"postal_code", "1000"},
             {"city", "Bruxelles"},
             {"country", "BE"}}}}}}});
  json invoice = Invoice("INV-1", "C1", "1234.56");
  invoice["document"] = {{"filename", "INV-1.pdf"},
                         {"media_type", "application/pdf"},
                         {"content_base64", EncodeBase64(kInvoicePdf)}};
  Call("POST", "/v1/invoices", {{"invoices", {invoice}}});
  ASSERT_FALSE(HasFailure());

  // due+1d at 09:00 Brussels is a Wednesday: every channel is open.
  MoveClockTo("2026-03-11T10:00:00+01:00");
  ASSERT_TRUE(WaitUntilSettled({"C1"}, 5, 0, std::chrono::seconds(30))) << Describe({"C1"});
  const json messages = Messages("C1");
  for (const char* channel : {"email", "sms", "whatsapp", "voice", "letter"}) {
    const json* message = ByChannel(messages, channel);
    ASSERT_NE(message, nullptr) << channel << " missing: " << messages.dump(2);
    EXPECT_EQ((*message)["state"], "sent") << channel << ": " << message->dump(2);
  }

  // E-mail: one message, the French subject decoded from RFC 2047, the PDF byte for byte.
  const std::vector<ReceivedMail> mails = sink_.Received();
  ASSERT_EQ(mails.size(), 1U);
  const ReceivedMail& mail = mails[0];
  EXPECT_EQ(mail.parsed["rcpt_tos"], json::array({"zoe@cafe.example"}));
  EXPECT_EQ(mail.parsed["headers"]["Subject"],
            "Petit rappel : factures en attente chez Brasserie Zoë SRL");
  EXPECT_NE(mail.raw.find("Subject: =?"), std::string::npos) << "subject is RFC 2047 encoded";
  ASSERT_EQ(mail.attachments.size(), 1U) << mail.parsed.dump(2);
  EXPECT_EQ(mail.parsed["attachments"][0]["filename"], "INV-1.pdf");
  EXPECT_EQ(mail.parsed["attachments"][0]["content_type"], "application/pdf");
  EXPECT_TRUE(mail.attachments[0] == kInvoicePdf) << "the attachment's bytes differ";
  EXPECT_NE(mail.parsed["text"].get<std::string>().find("1 234,56"), std::string::npos);

  // Twilio: the SMS in French, the WhatsApp as the approved Content template, one call.
  const TwilioRecord twilio = Twilio();
  const auto sms = twilio.MessagesTo(phone);
  ASSERT_EQ(sms.size(), 1U) << twilio.messages.dump(2);
  EXPECT_NE(sms[0]["body"].get<std::string>().find("1 234,56 €"), std::string::npos) << sms[0];
  EXPECT_EQ(sms[0]["sid"], (*ByChannel(messages, "sms"))["provider_id"]);
  const auto whatsapp = twilio.MessagesTo("whatsapp:" + phone);
  EXPECT_EQ(whatsapp.size(), 1U) << twilio.messages.dump(2);
  if (whatsapp.size() == 1) {
    EXPECT_EQ(whatsapp[0]["content_sid"], kContentSid);
    EXPECT_EQ(whatsapp[0]["sid"], (*ByChannel(messages, "whatsapp"))["provider_id"]);
  }
  // Calls are not in the proxy's message record; the number got two POSTs: the SMS and the call.
  EXPECT_EQ(twilio.AttemptsTo(phone), 2) << twilio.attempts.dump();
  EXPECT_TRUE((*ByChannel(messages, "voice"))["provider_id"].get<std::string>().starts_with("CA"))
      << ByChannel(messages, "voice")->dump();

  // Letter: spooled for the day, printed once dulyd runs past the print time (16:00).
  const json* letter = ByChannel(messages, "letter");
  const std::string id = std::to_string((*letter)["id"].get<long long>());
  EXPECT_EQ((*letter)["provider_id"], "letter:2026-03-11:" + id);
  const std::filesystem::path day = std::filesystem::path(spool_dir_) / "2026-03-11";
  EXPECT_TRUE(std::filesystem::exists(day / ("letter-" + id + ".json")));
  const std::filesystem::path batch = day / "batch-2026-03-11.pdf";
  EXPECT_FALSE(std::filesystem::exists(batch)) << "printed before the print time";
  // The print job looks once a minute; a restart past 16:00 makes it look at once.
  ASSERT_NO_FATAL_FAILURE(Restart("2026-03-11T16:30:00+01:00"));
  ASSERT_TRUE(Eventually([&] { return std::filesystem::exists(batch); }, std::chrono::seconds(20)))
      << daemon_->Log();
  EXPECT_EQ(ReadBytes(batch).substr(0, 5), "%PDF-");
  const CommandResult text = RunCommand({"/usr/bin/pdftotext", batch.string(), "-"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("Café Zoë"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("Église"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("1 234,56"), std::string::npos) << text.out;
}

// The failure test: 500, 429 + Retry-After, a hang after the message was created, a
// dropped connection, 21211 and 21610 from Twilio, 550 from SMTP. Each message ends sent exactly
// once at its peer, or failed with its reason (and a task), or fell back to the next channel.
class FailureTest : public DeliveryFixture {
  void Adjust(json& channels) override {
    channels["twilio"]["timeout_ms"] = 2000;  // the proxy hangs kTwilioHangSeconds
  }
};

TEST_F(FailureTest, EveryMessageEndsSentOnceOrFailedWithItsReason) {
  SaveWorkflow(json::array({Step("reminder", "preferred", "reminder-friendly")}));
  const json sms_only = json::array({"sms"});
  json customers = json::array(
      {Customer("F90", "+32470000090", sms_only), Customer("F91", "+32470000091", sms_only),
       Customer("F92", "+32470000092", sms_only), Customer("F93", "+32470000093", sms_only),
       Customer("F94", "+32470000094", sms_only),
       Customer("F95", "+32470000095", json::array({"sms", "email"})),
       Customer("FB", "+32470000012", json::array({"email", "sms"}))});
  customers[5]["email"] = "f95@klant.example";
  customers[6]["email"] = "bounce@klant.example";
  json invoices = json::array();
  for (const json& customer : customers) {
    invoices.push_back(Invoice("I-" + customer["id"].get<std::string>(), customer["id"], "100.00"));
  }
  Call("POST", "/v1/customers", {{"customers", customers}});
  Call("POST", "/v1/invoices", {{"invoices", invoices}});
  ASSERT_FALSE(HasFailure());

  const std::vector<std::string> all = {"F90", "F91", "F92", "F93", "F94", "F95", "FB"};
  MoveClockTo("2026-03-11T10:00:00+01:00");
  // Retries (500 ms back-off, Retry-After 1 s) and reconciliations (1 s) fall due on the test
  // clock: move it a minute at a time until every message is settled.
  ASSERT_TRUE(WaitUntilSettled(all, 1, 60, std::chrono::seconds(60))) << Describe(all);

  const TwilioRecord twilio = Twilio();
  for (const char* customer : {"F90", "F91", "F92", "F93"}) {
    const json message = Messages(customer)[0];
    const std::string number = "+324700000" + std::string(customer).substr(1);
    EXPECT_EQ(message["state"], "sent") << Describe({customer});
    const auto created = twilio.MessagesTo(number);
    ASSERT_EQ(created.size(), 1U) << customer << " reached Twilio " << created.size() << " times";
    EXPECT_EQ(created[0]["sid"], message["provider_id"]) << customer;
  }
  // 500 and 429 were retried; the dropped request was reconciled (not found) and sent again.
  EXPECT_EQ(twilio.AttemptsTo("+32470000090"), 2);
  EXPECT_EQ(twilio.AttemptsTo("+32470000091"), 2);
  EXPECT_EQ(twilio.AttemptsTo("+32470000093"), 2);
  // The hang created the message: reconciliation found it, so it was never POSTed again.
  EXPECT_EQ(twilio.AttemptsTo("+32470000092"), 1);
  EXPECT_NE(Messages("F90")[0]["last_error"].get<std::string>().find("500"), std::string::npos);
  EXPECT_NE(Messages("F91")[0]["last_error"].get<std::string>().find("429"), std::string::npos);
  EXPECT_TRUE(HistoryHas("F92", "message.outcome_unknown", "timed out")) << History("F92").dump(1);

  // 21211 without a fallback: failed, the reason kept, a task for a collector.
  const json invalid = Messages("F94")[0];
  EXPECT_EQ(invalid["state"], "failed");
  EXPECT_NE(invalid["last_error"].get<std::string>().find("21211"), std::string::npos) << invalid;
  EXPECT_TRUE(twilio.MessagesTo("+32470000094").empty());
  EXPECT_EQ(twilio.AttemptsTo("+32470000094"), 1) << "a permanent error is not retried";
  EXPECT_TRUE(HistoryHas("F94", "message.failed", "21211")) << History("F94").dump(1);
  bool task = false;
  for (const json& item : Tasks("failed_message")) {
    if (item["customer"] == "F94" &&
        item["detail"].get<std::string>().find("21211") != std::string::npos) {
      task = true;
    }
    EXPECT_NE(item["customer"], "F95") << "F95 fell back; no task";
  }
  EXPECT_TRUE(task) << Tasks("failed_message").dump(2);

  // 21610 falls back to e-mail; SMTP 550 falls back to SMS.
  const json unsubscribed = Messages("F95")[0];
  EXPECT_EQ(unsubscribed["channel"], "email");
  EXPECT_EQ(unsubscribed["state"], "sent");
  EXPECT_TRUE(HistoryHas("F95", "message.fallback", "21610")) << History("F95").dump(1);
  const json bounced = Messages("FB")[0];
  EXPECT_EQ(bounced["channel"], "sms");
  EXPECT_EQ(bounced["state"], "sent");
  EXPECT_TRUE(HistoryHas("FB", "message.fallback", "550")) << History("FB").dump(1);
  EXPECT_EQ(twilio.MessagesTo("+32470000012").size(), 1U);
  const std::vector<ReceivedMail> mails = sink_.Received();
  ASSERT_EQ(mails.size(), 1U) << "only F95's e-mail is accepted";
  EXPECT_EQ(mails[0].parsed["rcpt_tos"], json::array({"f95@klant.example"}));
}

// A message still queued when its invoice is paid is canceled, never sent.
class PaidTest : public DeliveryFixture {
  void Adjust(json& channels) override { channels["dispatch"]["enabled"] = false; }
};

TEST_F(PaidTest, PaidInvoicesQueuedMessageIsNeverSent) {
  SaveWorkflow(json::array({Step("reminder", "sms", "reminder-friendly")}));
  Call("POST", "/v1/customers",
       {{"customers",
         {Customer("P1", "+32470000031", json::array({"sms"})),
          Customer("P2", "+32470000032", json::array({"sms"}))}}});
  Call("POST", "/v1/invoices",
       {{"invoices", {Invoice("I-P1", "P1", "80.00"), Invoice("I-P2", "P2", "90.00")}}});
  ASSERT_FALSE(HasFailure());
  // The dispatcher is off: both reminders wait in the outbox.
  MoveClockTo("2026-03-11T10:00:00+01:00");
  ASSERT_EQ(Messages("P1").size(), 1U);
  ASSERT_EQ(Messages("P2").size(), 1U);
  EXPECT_EQ(Messages("P1")[0]["state"], "pending");
  Call("POST", "/v1/payments",
       {{"payments",
         {{{"id", "PAY-1"},
           {"customer", "P1"},
           {"amount", "80.00"},
           {"received", "2026-03-11"},
           {"allocations", {{{"invoice", "I-P1"}, {"amount", "80.00"}}}}}}}});

  // The dispatcher comes back on; P1's reminder is canceled, P2's goes out.
  json channels = ChannelsConfig();
  WriteConfig(channels);
  ASSERT_NO_FATAL_FAILURE(Restart("2026-03-11T10:30:00+01:00"));
  ASSERT_TRUE(WaitUntilSettled({"P1", "P2"}, 1, 60, std::chrono::seconds(30)))
      << Describe({"P1", "P2"});
  const json canceled = Messages("P1")[0];
  EXPECT_EQ(canceled["state"], "canceled") << canceled;
  EXPECT_EQ(canceled["provider_id"], "");
  EXPECT_TRUE(HistoryHas("P1", "message.canceled", "")) << History("P1").dump(1);
  EXPECT_EQ(Messages("P2")[0]["state"], "sent") << Describe({"P2"});
  const TwilioRecord twilio = Twilio();
  EXPECT_EQ(twilio.AttemptsTo("+32470000031"), 0) << "the paid reminder reached Twilio";
  EXPECT_EQ(twilio.MessagesTo("+32470000032").size(), 1U);
}

}  // namespace
}  // namespace duly::testing
