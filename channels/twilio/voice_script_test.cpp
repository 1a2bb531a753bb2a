#include "channels/twilio/voice_script.h"

#include <gtest/gtest.h>

namespace duly::channels::twilio {
namespace {

OutboundMessage Call(std::string language, std::string text) {
  OutboundMessage message;
  message.channel = "voice";
  message.to = "+32470000001";
  message.language = std::move(language);
  message.text = std::move(text);
  return message;
}

TEST(VoiceScriptTest, ReadsTheTextInTheCustomersLanguageAndOffersTheMenu) {
  const std::string twiml =
      VoiceReminderTwiml(Call("fr", "Votre facture INV-7 de 1 234,56 € est échue."),
                         "https://duly.example/menu?a=1&b=2");
  EXPECT_NE(
      twiml.find("<Say language=\"fr-BE\">Votre facture INV-7 de 1 234,56 € est échue.</Say>"),
      std::string::npos)
      << twiml;
  EXPECT_NE(twiml.find("<Gather numDigits=\"1\" timeout=\"8\" method=\"POST\" "
                       "action=\"https://duly.example/menu?a=1&amp;b=2\">"),
            std::string::npos)
      << twiml;
  EXPECT_NE(twiml.find("appuyez sur 1"), std::string::npos);
  EXPECT_TRUE(twiml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>"));
  EXPECT_TRUE(twiml.ends_with("</Response>"));
}

TEST(VoiceScriptTest, MapsEveryLanguageAndEscapesTheText) {
  EXPECT_EQ(SayLanguage("nl"), "nl-NL");
  EXPECT_EQ(SayLanguage("fr"), "fr-BE");
  EXPECT_EQ(SayLanguage("en"), "en-GB");
  EXPECT_EQ(SayLanguage("de"), "de-DE");
  EXPECT_EQ(SayLanguage("pt"), "en-GB");
  const std::string twiml = VoiceReminderTwiml(Call("nl", "A & B <C> \"d\" 'e'"), "");
  EXPECT_NE(twiml.find("A &amp; B &lt;C&gt; &quot;d&quot; &apos;e&apos;"), std::string::npos);
  EXPECT_EQ(twiml.find("<Gather"), std::string::npos);  // no menu URL, no menu
}

TEST(VoiceScriptTest, DigitOneDialsTheCollectorAnythingElseSaysGoodbye) {
  const std::string dial = VoiceMenuAnswerTwiml("1", "de", "+3225551234");
  EXPECT_NE(dial.find("<Dial>+3225551234</Dial>"), std::string::npos) << dial;
  EXPECT_NE(dial.find("language=\"de-DE\""), std::string::npos);
  const std::string other = VoiceMenuAnswerTwiml("2", "en", "+3225551234");
  EXPECT_EQ(other.find("<Dial>"), std::string::npos);
  EXPECT_NE(other.find("<Hangup/>"), std::string::npos);
  EXPECT_EQ(VoiceMenuAnswerTwiml("1", "en", "").find("<Dial>"), std::string::npos);
}

}  // namespace
}  // namespace duly::channels::twilio
