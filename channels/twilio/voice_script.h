// The TwiML of a reminder call and of the collector menu behind it.
//
// Promise: VoiceReminderTwiml returns a <Response> that reads `message.text` with <Say> in the
// customer's language (nl -> nl-NL, fr -> fr-BE, en -> en-GB, de -> de-DE; anything else en-GB)
// and, when `menu_url` is not empty, a <Gather numDigits="1"> posting to `menu_url` whose prompt
// offers, in the same language, to press 1 to speak to a collector; without an answer it says
// goodbye. VoiceMenuAnswerTwiml is what `menu_url` answers: for digit "1" a <Dial> to
// `collector_number` (with a short "connecting you" in the language), otherwise a goodbye and
// <Hangup/>. All text is XML-escaped. Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "channels/outbound_message.h"

namespace duly::channels::twilio {

// "nl-NL", "fr-BE", "en-GB", "de-DE" for "nl", "fr", "en", "de"; "en-GB" otherwise.
std::string_view SayLanguage(std::string_view language);

std::string VoiceReminderTwiml(const OutboundMessage& message, std::string_view menu_url);

std::string VoiceMenuAnswerTwiml(std::string_view digits, std::string_view language,
                                 std::string_view collector_number);

// Escapes & < > " ' for XML text and attribute values.
std::string XmlEscape(std::string_view text);

}  // namespace duly::channels::twilio
