#include "channels/twilio/inbound_keyword.h"

#include <gtest/gtest.h>

namespace duly::channels::twilio {
namespace {

InboundIntent Intent(std::string_view body) { return ClassifyInbound(body).intent; }

TEST(InboundKeyword, EveryTwilioDefaultKeyword) {
  for (const char* word :
       {"STOP", "UNSUBSCRIBE", "END", "QUIT", "STOPALL", "REVOKE", "OPTOUT", "CANCEL"}) {
    EXPECT_EQ(ClassifyInbound(word), (InboundKeyword{InboundIntent::kOptOut, word, true}));
  }
  for (const char* word : {"START", "YES", "UNSTOP"}) {
    EXPECT_EQ(ClassifyInbound(word), (InboundKeyword{InboundIntent::kOptIn, word, true}));
  }
  for (const char* word : {"HELP", "INFO"}) {
    EXPECT_EQ(ClassifyInbound(word), (InboundKeyword{InboundIntent::kHelp, word, true}));
  }
}

TEST(InboundKeyword, CaseInsensitiveAndTrimmed) {
  EXPECT_EQ(ClassifyInbound("  stop\r\n"), (InboundKeyword{InboundIntent::kOptOut, "STOP", true}));
  EXPECT_EQ(Intent("Stop!"), InboundIntent::kOptOut);
  EXPECT_EQ(Intent("\"unsubscribe.\""), InboundIntent::kOptOut);
  EXPECT_EQ(Intent("\xE2\x80\x9C"
                   "Stop"
                   "\xE2\x80\x9D"),
            InboundIntent::kOptOut);  // “Stop”
  EXPECT_EQ(Intent("\xC2\xA0Start\xC2\xA0"), InboundIntent::kOptIn);
  EXPECT_EQ(Intent("yes"), InboundIntent::kOptIn);
  EXPECT_EQ(Intent("Help?"), InboundIntent::kHelp);
}

TEST(InboundKeyword, OnlyASingleExactWordCounts) {
  EXPECT_EQ(ClassifyInbound("please stop calling"), InboundKeyword{});
  EXPECT_EQ(Intent("stop stop"), InboundIntent::kReply);
  EXPECT_EQ(Intent("stopped"), InboundIntent::kReply);
  EXPECT_EQ(Intent("STOP2"), InboundIntent::kReply);
  EXPECT_EQ(Intent("yes I will pay tomorrow"), InboundIntent::kReply);
  EXPECT_EQ(Intent("Ik betaal vrijdag"), InboundIntent::kReply);
  EXPECT_EQ(Intent(""), InboundIntent::kReply);
  EXPECT_EQ(Intent(" ?! "), InboundIntent::kReply);
}

TEST(InboundKeyword, DutchAndFrenchExtension) {
  EXPECT_EQ(ClassifyInbound("Afmelden"),
            (InboundKeyword{InboundIntent::kOptOut, "AFMELDEN", false}));
  EXPECT_EQ(ClassifyInbound("stoppen."),
            (InboundKeyword{InboundIntent::kOptOut, "STOPPEN", false}));
  EXPECT_EQ(ClassifyInbound("arret"), (InboundKeyword{InboundIntent::kOptOut, "ARRET", false}));
  EXPECT_EQ(ClassifyInbound("arr\xC3\xAAt"),
            (InboundKeyword{InboundIntent::kOptOut, "ARR\xC3\x8AT", false}));
  EXPECT_EQ(ClassifyInbound("ARR\xC3\x8AT !"),
            (InboundKeyword{InboundIntent::kOptOut, "ARR\xC3\x8AT", false}));
}

TEST(InboundKeyword, IntentNames) {
  EXPECT_STREQ(InboundIntentName(InboundIntent::kOptOut), "opt_out");
  EXPECT_STREQ(InboundIntentName(InboundIntent::kOptIn), "opt_in");
  EXPECT_STREQ(InboundIntentName(InboundIntent::kHelp), "help");
  EXPECT_STREQ(InboundIntentName(InboundIntent::kReply), "reply");
}

}  // namespace
}  // namespace duly::channels::twilio
