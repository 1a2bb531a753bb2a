// ChooseChannel: reachability, opt-outs, and the earliest opening among closed channels.
#include "workflows/engine/channel_choice.h"

#include <gtest/gtest.h>

#include "workflows/engine/testdata/fixture.h"

namespace duly {
namespace {

using namespace testdata;  // NOLINT(google-build-using-namespace): test fixtures
using std::chrono::hours;

const CustomerPlace kDutch{"Europe/Amsterdam", "NL"};

TEST(ChannelChoiceTest, ExpandsPreferredInPlaceWithoutRepeats) {
  Customer customer = C1();
  customer.preferred_channels = {"sms", "email"};
  EXPECT_EQ(ExpandChannels({"email", "preferred", "letter"}, customer),
            (std::vector<std::string>{"email", "sms", "letter"}));
  customer.preferred_channels.clear();
  EXPECT_EQ(ExpandChannels({"preferred"}, customer),
            (std::vector<std::string>{"email", "whatsapp", "sms", "letter"}));
}

TEST(ChannelChoiceTest, ReachabilityFollowsTheContactDetails) {
  Customer customer = C1();
  EXPECT_TRUE(CanReach(customer, "voice"));
  EXPECT_TRUE(CanReach(customer, "whatsapp"));
  customer.whatsapp = false;
  EXPECT_FALSE(CanReach(customer, "whatsapp"));
  customer.phone.clear();
  EXPECT_FALSE(CanReach(customer, "sms"));
  EXPECT_FALSE(CanReach(customer, "voice"));
  customer.address.city.clear();
  EXPECT_FALSE(CanReach(customer, "letter"));
  EXPECT_TRUE(CanReach(customer, "call_task"));
  EXPECT_FALSE(CanReach(customer, "pigeon"));
}

TEST(ChannelChoiceTest, ClosedChannelsGiveTheEarliestOpening) {
  QuietHours policy = QuietHours::Default();
  ASSERT_TRUE(policy.Override({"whatsapp", AllowedDays::kWorkingDays, hours{10}, hours{12}}));
  const Instant saturday = Local("2026-03-14", 9);
  const ChannelChoice later =
      ChooseChannel({"whatsapp", "sms"}, C1(), {}, saturday, policy, kDutch);
  EXPECT_EQ(later.kind, ChannelChoice::Kind::kLater);
  EXPECT_EQ(Text(later.at), "2026-03-16T08:00:00.000+01:00");  // sms opens before whatsapp
  const ChannelChoice opted =
      ChooseChannel({"whatsapp", "sms"}, C1(), {"sms"}, saturday, policy, kDutch);
  EXPECT_EQ(Text(opted.at), "2026-03-16T10:00:00.000+01:00");
  const ChannelChoice none =
      ChooseChannel({"whatsapp", "sms"}, C1(), {"sms", "whatsapp"}, saturday, policy, kDutch);
  EXPECT_EQ(none.kind, ChannelChoice::Kind::kNone);
}

TEST(ChannelChoiceTest, ChannelWithoutAWindowIsAlwaysOpen) {
  Result<QuietHours> only_sms =
      QuietHours::Make({{"sms", AllowedDays::kWorkingDays, hours{8}, hours{20}}});
  ASSERT_TRUE(only_sms.has_value());
  const Instant sunday = Local("2026-03-15", 23);
  const ChannelChoice choice = ChooseChannel({"sms", "email"}, C1(), {}, sunday, *only_sms, kDutch);
  EXPECT_EQ(choice.kind, ChannelChoice::Kind::kNow);
  EXPECT_EQ(choice.channel, "email");
  EXPECT_EQ(choice.at, sunday);
}

}  // namespace
}  // namespace duly
