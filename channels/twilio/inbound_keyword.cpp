#include "channels/twilio/inbound_keyword.h"

#include <array>

namespace duly::channels::twilio {
namespace {

struct KnownWord {
  std::string_view word;
  InboundIntent intent;
  bool twilio_default;
};

constexpr std::array<KnownWord, 17> kKnownWords{{
    {"STOP", InboundIntent::kOptOut, true},
    {"UNSUBSCRIBE", InboundIntent::kOptOut, true},
    {"END", InboundIntent::kOptOut, true},
    {"QUIT", InboundIntent::kOptOut, true},
    {"STOPALL", InboundIntent::kOptOut, true},
    {"REVOKE", InboundIntent::kOptOut, true},
    {"OPTOUT", InboundIntent::kOptOut, true},
    {"CANCEL", InboundIntent::kOptOut, true},
    {"START", InboundIntent::kOptIn, true},
    {"YES", InboundIntent::kOptIn, true},
    {"UNSTOP", InboundIntent::kOptIn, true},
    {"HELP", InboundIntent::kHelp, true},
    {"INFO", InboundIntent::kHelp, true},
    // Extension: Dutch and French opt-out words (not acted on by Twilio itself).
    {"AFMELDEN", InboundIntent::kOptOut, false},
    {"STOPPEN", InboundIntent::kOptOut, false},
    {"ARRET", InboundIntent::kOptOut, false},
    {"ARR\xC3\x8AT", InboundIntent::kOptOut, false},  // ARRÊT
}};

bool IsTrimmable(unsigned char byte) {
  if (byte <= 0x20 || byte == 0x7F) return true;  // ASCII whitespace and control
  return byte < 0x80 && !((byte >= '0' && byte <= '9') || (byte >= 'A' && byte <= 'Z') ||
                          (byte >= 'a' && byte <= 'z'));  // ASCII punctuation
}

// Removes one UTF-8 no-break space (U+00A0) or typographic quote/ellipsis (U+2018..U+201D,
// U+2026) from an end when present; returns true when it did.
bool TrimUnicodeEdge(std::string_view& text, bool front) {
  static constexpr std::array<std::string_view, 6> kMarks{
      "\xC2\xA0", "\xE2\x80\x98", "\xE2\x80\x99", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\xA6"};
  for (const auto mark : kMarks) {
    if (front && text.substr(0, mark.size()) == mark) {
      text.remove_prefix(mark.size());
      return true;
    }
    if (!front && text.size() >= mark.size() && text.substr(text.size() - mark.size()) == mark) {
      text.remove_suffix(mark.size());
      return true;
    }
  }
  return false;
}

std::string_view Trimmed(std::string_view text) {
  bool changed = true;
  while (changed) {
    changed = false;
    while (!text.empty() && IsTrimmable(static_cast<unsigned char>(text.front()))) {
      text.remove_prefix(1);
      changed = true;
    }
    while (!text.empty() && IsTrimmable(static_cast<unsigned char>(text.back()))) {
      text.remove_suffix(1);
      changed = true;
    }
    changed = TrimUnicodeEdge(text, true) || changed;
    changed = TrimUnicodeEdge(text, false) || changed;
  }
  return text;
}

// ASCII letters to capitals, and the lower-case ê (U+00EA) to Ê (U+00CA).
std::string Capitals(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char c = word[i];
    if (c >= 'a' && c <= 'z') {
      out.push_back(static_cast<char>(c - 'a' + 'A'));
    } else if (c == '\xC3' && i + 1 < word.size() && word[i + 1] == '\xAA') {
      out.append("\xC3\x8A");
      ++i;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

const char* InboundIntentName(InboundIntent intent) {
  switch (intent) {
    case InboundIntent::kOptOut:
      return "opt_out";
    case InboundIntent::kOptIn:
      return "opt_in";
    case InboundIntent::kHelp:
      return "help";
    case InboundIntent::kReply:
      return "reply";
  }
  return "reply";
}

InboundKeyword ClassifyInbound(std::string_view body) {
  const std::string word = Capitals(Trimmed(body));
  for (const auto& known : kKnownWords) {
    if (word == known.word) return {known.intent, word, known.twilio_default};
  }
  return {};
}

}  // namespace duly::channels::twilio
