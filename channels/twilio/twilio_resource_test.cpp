#include "channels/twilio/twilio_resource.h"

#include <gtest/gtest.h>

namespace duly::channels::twilio {
namespace {

TEST(TwilioResourceTest, ParsesAMessageWithNullFields) {
  const auto resource = ParseTwilioResource(
      R"({"sid":"SM0123456789abcdef0123456789abcdef","status":"queued","to":"+32470000001",
          "body":null,"date_created":"Thu, 30 Jul 2015 20:12:31 +0000","date_sent":null})");
  ASSERT_TRUE(resource);
  EXPECT_EQ(resource->sid, "SM0123456789abcdef0123456789abcdef");
  EXPECT_EQ(resource->status, "queued");
  EXPECT_EQ(resource->body, "");
  ASSERT_TRUE(resource->date_created);
  EXPECT_EQ(FormatInstantUtc(*resource->date_created),
            FormatInstantUtc(FromEpochMillis(1438287151000)));
  EXPECT_FALSE(resource->date_sent);
  EXPECT_FALSE(ParseTwilioResource(R"({"code":21211})"));
  EXPECT_FALSE(ParseTwilioResource("<html>"));
}

TEST(TwilioResourceTest, ParsesAListPage) {
  const auto page = ParseMessagePage(
      R"({"messages":[{"sid":"SM1","to":"+1","body":"hi","status":"sent",
          "date_sent":"Tue, 24 Nov 2026 22:06:49 +0100"}],"next_page_uri":null})");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->messages.size(), 1u);
  EXPECT_EQ(page->next_page_uri, "");
  ASSERT_TRUE(page->messages[0].date_sent);
  EXPECT_EQ(FormatInstantUtc(*page->messages[0].date_sent),
            FormatInstantUtc(*ParseRfc2822("Tue, 24 Nov 2026 21:06:49 +0000")));
  EXPECT_FALSE(ParseMessagePage(R"({"sid":"SM1"})"));
}

TEST(TwilioResourceTest, RejectsMalformedDates) {
  EXPECT_FALSE(ParseRfc2822(""));
  EXPECT_FALSE(ParseRfc2822("2026-11-24T22:06:49Z"));
  EXPECT_FALSE(ParseRfc2822("Tue, 31 Feb 2026 22:06:49 +0000"));
  EXPECT_FALSE(ParseRfc2822("Tue, 24 Foo 2026 22:06:49 +0000"));
  EXPECT_TRUE(ParseRfc2822("24 Nov 2026 22:06:49 -0500"));
}

TEST(TwilioResourceTest, MapsMessageAndCallStatuses) {
  EXPECT_EQ(MessageState("queued"), DeliveryState::kAccepted);
  EXPECT_EQ(MessageState("scheduled"), DeliveryState::kAccepted);
  EXPECT_EQ(MessageState("sent"), DeliveryState::kSent);
  EXPECT_EQ(MessageState("delivered"), DeliveryState::kDelivered);
  EXPECT_EQ(MessageState("read"), DeliveryState::kRead);
  EXPECT_EQ(MessageState("undelivered"), DeliveryState::kFailed);
  EXPECT_EQ(MessageState("canceled"), DeliveryState::kCanceled);
  EXPECT_EQ(MessageState("nonsense"), std::nullopt);
  EXPECT_EQ(CallState("ringing"), DeliveryState::kAccepted);
  EXPECT_EQ(CallState("in-progress"), DeliveryState::kSent);
  EXPECT_EQ(CallState("completed"), DeliveryState::kDelivered);
  EXPECT_EQ(CallState("no-answer"), DeliveryState::kFailed);
  EXPECT_EQ(CallState("canceled"), DeliveryState::kCanceled);
  EXPECT_EQ(CallState("sent"), std::nullopt);
}

}  // namespace
}  // namespace duly::channels::twilio
