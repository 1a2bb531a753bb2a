#include "workflows/money.h"

#include <limits>

#include <gtest/gtest.h>

namespace duly {
namespace {

TEST(MoneyTest, ParsesPlainDecimals) {
  EXPECT_EQ(Money::Parse("1250.00")->cents(), 125000);
  EXPECT_EQ(Money::Parse("1250.5")->cents(), 125050);
  EXPECT_EQ(Money::Parse("7")->cents(), 700);
  EXPECT_EQ(Money::Parse("-3.10")->cents(), -310);
  EXPECT_EQ(Money::Parse("0.01")->cents(), 1);
}

TEST(MoneyTest, RefusesWhatIsNotAnAmount) {
  for (const char* text :
       {"", "-", "1.", ".5", "1,00", "1e3", "12.345", "1 000", "abc", "+1", "12345678901234"}) {
    auto parsed = Money::Parse(text);
    ASSERT_FALSE(parsed.has_value()) << text;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument) << text;
  }
  EXPECT_NE(Money::Parse("12.345").error().message.find("more than two decimals"),
            std::string::npos);
}

TEST(MoneyTest, FormatsWithTwoDecimals) {
  EXPECT_EQ(Money::FromCents(125000).ToString(), "1250.00");
  EXPECT_EQ(Money::FromCents(-5).ToString(), "-0.05");
  EXPECT_EQ(Money::FromCents(0).ToString(), "0.00");
  EXPECT_EQ(Money::FromCents(std::numeric_limits<std::int64_t>::min()).ToString(),
            "-92233720368547758.08");
  EXPECT_EQ(Money::FromCents(std::numeric_limits<std::int64_t>::max()).ToString(),
            "92233720368547758.07");
}

TEST(MoneyTest, ScaleRoundsHalfAwayFromZero) {
  // 15 % of 266.67 = 40.0005 -> 40.00; 15 % of 267.00 = 40.05.
  EXPECT_EQ(Money::FromCents(26667).Scale(15, 100).cents(), 4000);
  EXPECT_EQ(Money::FromCents(26700).Scale(15, 100).cents(), 4005);
  EXPECT_EQ(Money::FromCents(5).Scale(1, 2).cents(), 3);    // 2.5 -> 3
  EXPECT_EQ(Money::FromCents(-5).Scale(1, 2).cents(), -3);  // -2.5 -> -3
  EXPECT_EQ(Money::FromCents(4).Scale(1, 3).cents(), 1);    // 1.33 -> 1
  EXPECT_EQ(Money::FromCents(100000).Scale(121, 100).cents(), 121000);
}

TEST(MoneyTest, CurrencyCodesAreThreeCapitals) {
  EXPECT_TRUE(IsCurrencyCode("EUR"));
  EXPECT_FALSE(IsCurrencyCode("eur"));
  EXPECT_FALSE(IsCurrencyCode("EURO"));
}

}  // namespace
}  // namespace duly
