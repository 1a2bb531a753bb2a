#include "channels/twilio/voice_script.h"

namespace duly::channels::twilio {

namespace {

struct VoiceWords {
  std::string_view language;
  std::string_view press_one;
  std::string_view connecting;
  std::string_view goodbye;
};

constexpr VoiceWords kWords[] = {
    {"nl", "Wilt u een medewerker spreken? Druk dan op 1.", "U wordt doorverbonden.",
     "Bedankt voor uw aandacht. Tot ziens."},
    {"fr", "Pour parler à un collaborateur, appuyez sur 1.", "Nous vous mettons en relation.",
     "Merci de votre attention. Au revoir."},
    {"de", "Um mit einem Mitarbeiter zu sprechen, drücken Sie die 1.", "Sie werden verbunden.",
     "Vielen Dank für Ihre Aufmerksamkeit. Auf Wiederhören."},
    {"en", "To speak to a member of our team, press 1.", "Connecting you now.",
     "Thank you for listening. Goodbye."},
};

const VoiceWords& WordsFor(std::string_view language) {
  for (const auto& words : kWords) {
    if (words.language == language) return words;
  }
  return kWords[3];
}

std::string Say(std::string_view language, std::string_view text) {
  return "<Say language=\"" + std::string(SayLanguage(language)) + "\">" + XmlEscape(text) +
         "</Say>";
}

}  // namespace

std::string_view SayLanguage(std::string_view language) {
  if (language == "nl") return "nl-NL";
  if (language == "fr") return "fr-BE";
  if (language == "de") return "de-DE";
  return "en-GB";
}

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string VoiceReminderTwiml(const OutboundMessage& message, std::string_view menu_url) {
  const VoiceWords& words = WordsFor(message.language);
  std::string twiml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>";
  twiml += Say(message.language, message.text);
  if (!menu_url.empty()) {
    twiml += "<Gather numDigits=\"1\" timeout=\"8\" method=\"POST\" action=\"" +
             XmlEscape(menu_url) + "\">" + Say(message.language, words.press_one) + "</Gather>";
  }
  twiml += Say(message.language, words.goodbye) + "</Response>";
  return twiml;
}

std::string VoiceMenuAnswerTwiml(std::string_view digits, std::string_view language,
                                 std::string_view collector_number) {
  const VoiceWords& words = WordsFor(language);
  std::string twiml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>";
  if (digits == "1" && !collector_number.empty()) {
    twiml += Say(language, words.connecting) + "<Dial>" + XmlEscape(collector_number) + "</Dial>";
  } else {
    twiml += Say(language, words.goodbye) + "<Hangup/>";
  }
  twiml += "</Response>";
  return twiml;
}

}  // namespace duly::channels::twilio
