#include "channels/testing/fake_channel.h"

#include <variant>

#include <gtest/gtest.h>

namespace duly::channels {
namespace {

OutboundMessage Reminder(std::int64_t id) {
  OutboundMessage message;
  message.id = id;
  message.channel = "sms";
  message.to = "+31612345678";
  message.customer = "C1";
  message.invoices = {"INV-1"};
  message.text = "Herinnering";
  return message;
}

SendFailure Busy() {
  return SendFailure{FailureKind::kTransient, "429 Too Many Requests", "20429",
                     std::chrono::seconds(3)};
}

TEST(FakeChannelTest, RecordsEverySendAndNamesReceiptsInOrder) {
  FakeChannel channel("sms");
  auto first = channel.Send(Reminder(1));
  auto second = channel.Send(Reminder(2));
  ASSERT_TRUE(std::holds_alternative<SendReceipt>(first));
  EXPECT_EQ(std::get<SendReceipt>(first).provider_id, "sms-1");
  EXPECT_EQ(std::get<SendReceipt>(second).provider_id, "sms-2");
  EXPECT_EQ(channel.attempts().size(), 2U);
  EXPECT_EQ(channel.sent().at("sms-2"), Reminder(2));
}

TEST(FakeChannelTest, FailsTheScriptedCallOnlyOnce) {
  FakeChannel channel("sms");
  channel.FailCall(2, Busy());
  EXPECT_TRUE(std::holds_alternative<SendReceipt>(channel.Send(Reminder(1))));
  auto failed = channel.Send(Reminder(2));
  ASSERT_TRUE(std::holds_alternative<SendFailure>(failed));
  EXPECT_EQ(std::get<SendFailure>(failed), Busy());
  auto retried = channel.Send(Reminder(2));
  ASSERT_TRUE(std::holds_alternative<SendReceipt>(retried));
  EXPECT_EQ(std::get<SendReceipt>(retried).provider_id, "sms-2");
  EXPECT_EQ(channel.attempts().size(), 3U);
  EXPECT_EQ(channel.sent().size(), 2U);
}

TEST(FakeChannelTest, FailNextQueuesFailuresInOrder) {
  FakeChannel channel("email");
  SendFailure refused{FailureKind::kPermanent, "550 mailbox unavailable", "550", std::nullopt};
  channel.FailNext(Busy());
  channel.FailNext(refused);
  EXPECT_EQ(std::get<SendFailure>(channel.Send(Reminder(1))).kind, FailureKind::kTransient);
  EXPECT_EQ(std::get<SendFailure>(channel.Send(Reminder(1))).kind, FailureKind::kPermanent);
  EXPECT_TRUE(std::holds_alternative<SendReceipt>(channel.Send(Reminder(1))));
}

TEST(FakeChannelTest, StatesMoveForwardOnlyAndCancelStopsUndelivered) {
  FakeChannel channel("whatsapp");
  ASSERT_TRUE(std::holds_alternative<SendReceipt>(channel.Send(Reminder(1))));
  ASSERT_TRUE(std::holds_alternative<SendReceipt>(channel.Send(Reminder(2))));
  channel.SetState("whatsapp-1", DeliveryState::kDelivered);
  channel.SetState("whatsapp-1", DeliveryState::kSent);  // late callback: ignored
  EXPECT_EQ(std::get<DeliveryState>(channel.Status("whatsapp-1")), DeliveryState::kDelivered);
  EXPECT_EQ(std::get<DeliveryState>(channel.Cancel("whatsapp-1")), DeliveryState::kDelivered);
  EXPECT_EQ(std::get<DeliveryState>(channel.Cancel("whatsapp-2")), DeliveryState::kCanceled);
  channel.SetState("whatsapp-2", DeliveryState::kDelivered);  // after cancel: stays canceled
  EXPECT_EQ(std::get<DeliveryState>(channel.Status("whatsapp-2")), DeliveryState::kCanceled);
  EXPECT_EQ(std::get<SendFailure>(channel.Status("whatsapp-9")).kind, FailureKind::kPermanent);
}

TEST(ChannelTest, NamesAndFinalStates) {
  EXPECT_STREQ(DeliveryStateName(DeliveryState::kRead), "read");
  EXPECT_STREQ(FailureKindName(FailureKind::kUnknownOutcome), "unknown_outcome");
  EXPECT_TRUE(IsFinal(DeliveryState::kFailed));
  EXPECT_FALSE(IsFinal(DeliveryState::kSent));
}

}  // namespace
}  // namespace duly::channels
