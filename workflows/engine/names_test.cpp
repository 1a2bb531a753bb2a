#include <gtest/gtest.h>

#include "workflows/engine/instance.h"
#include "workflows/engine/outbox_store.h"
#include "workflows/engine/timer.h"

namespace duly {
namespace {

TEST(InstanceStateNameTest, RoundTripsEveryState) {
  for (InstanceState state :
       {InstanceState::kActive, InstanceState::kPaused, InstanceState::kEnded}) {
    EXPECT_EQ(ParseInstanceState(InstanceStateName(state)), state);
  }
  EXPECT_STREQ(InstanceStateName(InstanceState::kPaused), "paused");
  EXPECT_EQ(ParseInstanceState("Active"), std::nullopt);
  EXPECT_EQ(ParseInstanceState(""), std::nullopt);
}

TEST(TimerKindNameTest, RoundTripsEveryKind) {
  for (TimerKind kind : {TimerKind::kStart, TimerKind::kStep, TimerKind::kRecheck}) {
    EXPECT_EQ(ParseTimerKind(TimerKindName(kind)), kind);
  }
  EXPECT_STREQ(TimerKindName(TimerKind::kRecheck), "recheck");
  EXPECT_EQ(ParseTimerKind("steps"), std::nullopt);
}

TEST(RecipientKindNameTest, NamesBothKinds) {
  EXPECT_STREQ(RecipientKindName(RecipientKind::kCustomer), "customer");
  EXPECT_STREQ(RecipientKindName(RecipientKind::kColleague), "colleague");
}

}  // namespace
}  // namespace duly
