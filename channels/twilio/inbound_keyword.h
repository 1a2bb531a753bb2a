// What an inbound SMS or WhatsApp message asks for: opt out, opt back in, help, or a reply a
// collector must read.
//
// Promise: ClassifyInbound looks at the whole body. It is a keyword only when the body, with
// surrounding whitespace and punctuation trimmed (".", "!", "?", quotes, ...), is exactly one
// known word compared case-insensitively (RULES.md §7.2: keywords are exact and single-word), so
// "Stop!" opts out and "please stop calling" is a reply.
//   opt-out (Twilio defaults): STOP UNSUBSCRIBE END QUIT STOPALL REVOKE OPTOUT CANCEL
//   opt-in:                    START YES UNSTOP
//   help:                      HELP INFO
// Extension (our design choice, RULES.md §7.2): Dutch AFMELDEN and STOPPEN and French ARRET /
// ARRÊT also opt out. Twilio does not act on these by itself, so `twilio_default` is false for
// them and the daemon alone must suppress the channel (and may answer with a confirmation).
// Anything else, including an empty body, is kReply.
// Thread-safety: pure function; safe from any thread.
#pragma once

#include <string>
#include <string_view>

namespace duly::channels::twilio {

enum class InboundIntent { kOptOut, kOptIn, kHelp, kReply };
const char* InboundIntentName(InboundIntent intent);  // "opt_out", "opt_in", "help", "reply"

struct InboundKeyword {
  InboundIntent intent = InboundIntent::kReply;
  std::string keyword;          // the matched word in capitals ("STOP", "ARRÊT"); "" for kReply
  bool twilio_default = false;  // true when Twilio itself acts on the keyword (default list)
  friend bool operator==(const InboundKeyword&, const InboundKeyword&) = default;
};

InboundKeyword ClassifyInbound(std::string_view body);

}  // namespace duly::channels::twilio
