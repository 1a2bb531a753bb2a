#include "workflows/step_offset.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace duly {
namespace {

using ::testing::HasSubstr;

TEST(StepOffsetTest, ParsesDaysBeforeAndAfterTheDueDate) {
  auto before = StepOffset::Parse("due-5d");
  ASSERT_TRUE(before.has_value());
  EXPECT_EQ(before->amount(), -5);
  EXPECT_EQ(before->unit(), StepOffset::Unit::kDays);
  EXPECT_EQ(before->TotalHours(), -120);

  auto after = StepOffset::Parse("due+3d");
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->amount(), 3);
  EXPECT_EQ(*after, StepOffset::Days(3));
  EXPECT_EQ(after->TotalHours(), 72);
}

TEST(StepOffsetTest, ParsesHours) {
  auto hours = StepOffset::Parse("due+4h");
  ASSERT_TRUE(hours.has_value());
  EXPECT_EQ(*hours, StepOffset::Hours(4));
  EXPECT_EQ(hours->unit(), StepOffset::Unit::kHours);
  EXPECT_EQ(hours->TotalHours(), 4);
  EXPECT_EQ(StepOffset::Parse("due-36h")->TotalHours(), -36);
}

TEST(StepOffsetTest, RoundTripsThroughText) {
  for (const char* text : {"due-5d", "due+3d", "due+0d", "due-60d", "due+4h", "due-12h"}) {
    auto offset = StepOffset::Parse(text);
    ASSERT_TRUE(offset.has_value()) << text;
    EXPECT_EQ(offset->ToString(), text);
  }
  EXPECT_EQ(StepOffset::Parse("due-0d")->ToString(), "due+0d");
  EXPECT_EQ(StepOffset::Parse("due+007d")->ToString(), "due+7d");
}

TEST(StepOffsetTest, RefusesOtherShapes) {
  for (const char* text : {"", "due", "due5d", "due+d", "due+5", "due+5w", "Due+5d", "due+-5d",
                           "due+5dd", "due +5d", "due+1234567d", "due+5.5d", "now+5d"}) {
    auto offset = StepOffset::Parse(text);
    ASSERT_FALSE(offset.has_value()) << text;
    EXPECT_EQ(offset.error().code, ErrorCode::kInvalidArgument);
    EXPECT_THAT(offset.error().message, HasSubstr("must look like \"due-5d\"")) << text;
  }
}

TEST(StepOffsetTest, RefusesOffsetsTooFarAway) {
  EXPECT_TRUE(StepOffset::Parse("due+3650d").has_value());
  EXPECT_TRUE(StepOffset::Parse("due-87600h").has_value());
  auto days = StepOffset::Parse("due+3651d");
  ASSERT_FALSE(days.has_value());
  EXPECT_THAT(days.error().message, HasSubstr("at most 3650 days"));
  auto hours = StepOffset::Parse("due-87601h");
  ASSERT_FALSE(hours.has_value());
  EXPECT_THAT(hours.error().message, HasSubstr("at most 87600 hours"));
}

}  // namespace
}  // namespace duly
