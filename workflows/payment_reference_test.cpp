#include "workflows/payment_reference.h"

#include <gtest/gtest.h>

namespace duly {
namespace {

void ExpectValid(std::string_view text, PaymentReferenceKind kind, std::string_view normalised,
                 std::string_view display) {
  auto parsed = ParsePaymentReference(text);
  ASSERT_TRUE(parsed.has_value()) << text << ": " << parsed.error().message;
  EXPECT_EQ(parsed->kind, kind) << text;
  EXPECT_EQ(parsed->normalised, normalised) << text;
  EXPECT_EQ(parsed->display, display) << text;
}

void ExpectInvalid(std::string_view text, std::string_view message_part) {
  auto parsed = ParsePaymentReference(text);
  ASSERT_FALSE(parsed.has_value()) << text << " parsed as " << parsed->normalised;
  EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(parsed.error().message.find(message_part), std::string::npos)
      << text << ": " << parsed.error().message;
}

// RULES.md §5.1, every row.
TEST(PaymentReferenceTest, MakesOgmFromRulesVectors) {
  EXPECT_EQ(MakeOgm(0), "+++000/0000/00097+++");
  EXPECT_EQ(MakeOgm(1234567890), "+++123/4567/89002+++");
  EXPECT_EQ(MakeOgm(123456789), "+++012/3456/78939+++");
  EXPECT_EQ(MakeOgm(851927541), "+++085/1927/54115+++");
  EXPECT_EQ(MakeOgm(1000000000), "+++100/0000/00034+++");
  EXPECT_EQ(MakeOgm(9999999999), "+++999/9999/99948+++");
}

TEST(PaymentReferenceTest, ValidatesOgmFromRulesVectors) {
  const auto ogm = PaymentReferenceKind::kOgm;
  ExpectValid("+++000/0000/00097+++", ogm, "000000000097", "+++000/0000/00097+++");
  ExpectValid("+++123/4567/89002+++", ogm, "123456789002", "+++123/4567/89002+++");
  ExpectValid("+++012/3456/78939+++", ogm, "012345678939", "+++012/3456/78939+++");
  ExpectValid("+++085/1927/54115+++", ogm, "085192754115", "+++085/1927/54115+++");
  ExpectValid("+++100/0000/00034+++", ogm, "100000000034", "+++100/0000/00034+++");
  ExpectValid("+++999/9999/99948+++", ogm, "999999999948", "+++999/9999/99948+++");
  ExpectValid("***012/3456/78939***", ogm, "012345678939", "+++012/3456/78939+++");
  ExpectInvalid("+++123/4567/89012+++", "expected 02");
  ExpectInvalid("+++000/0000/00000+++", "expected 97");
}

TEST(PaymentReferenceTest, ReadsOgmAsPayersWriteIt) {
  const auto ogm = PaymentReferenceKind::kOgm;
  ExpectValid("  +++123 4567 89002+++ ", ogm, "123456789002", "+++123/4567/89002+++");
  // 12 bare digits that are no valid kenmerk (second digit is not the length code 0).
  ExpectValid("123456789002", ogm, "123456789002", "+++123/4567/89002+++");
  ExpectInvalid("+++123/4567/8900+++", "has 12 digits; this one has 11");
  ExpectInvalid("+++123/4567/89002***", "must end with +++");
  ExpectInvalid("+++123-4567-89002+++", "only digits");
}

// RULES.md §5.2, every vector.
TEST(PaymentReferenceTest, ValidatesBetalingskenmerkFromRulesVectors) {
  const auto nl = PaymentReferenceKind::kBetalingskenmerk;
  ExpectValid("5000 0567 8901 2345", nl, "5000056789012345", "5000 0567 8901 2345");
  ExpectInvalid("4000056789012345", "expected 5");
  ExpectValid("12 2345 3462 2567", nl, "12234534622567", "12 2345 3462 2567");
  ExpectValid("1234567", nl, "1234567", "123 4567");  // 7 digits carry no check information
  ExpectValid("271234567", nl, "271234567", "2 7123 4567");
  ExpectValid("4812345678", nl, "4812345678", "48 1234 5678");
  ExpectValid("42123456789012", nl, "42123456789012", "42 1234 5678 9012");
  ExpectValid("0123456789012345", nl, "0123456789012345", "0123 4567 8901 2345");
  ExpectValid("0000000000000000", nl, "0000000000000000", "0000 0000 0000 0000");
  ExpectValid("1000000000000006", nl, "1000000000000006", "1000 0000 0000 0006");
  ExpectInvalid("123456789012345", "7, 9 to 14 or 16 digits; this one has 15");
  ExpectInvalid("12345678", "this one has 8");
  ExpectInvalid("581234567", "length code 7, not 8");
}

TEST(PaymentReferenceTest, ValidatesAllBelastingdienstVectors) {
  for (const char* vector :
       {"5010.0021.6701.0010", "3010.0021.6704.2021", "0001.0411.4691.0100", "9001.0411.4681.2501",
        "2017.1667.7760.0001", "0017.1667.7885.4231", "8049.2444.8248.0005", "2049.2444.8240.0055",
        "3961.3079.9841.0020", "7010.0021.6751.0014", "0010.0021.6972.3011", "5010.0021.6852.3010",
        "1049.2307.6782.4589", "3049.2307.6872.4589", "1808.9801.9762.9000", "8808.9801.9782.9003",
        "2001.0411.4120.1080", "4001.0411.4130.1240", "1001.0411.4140.1310", "6001.0411.4120.1230",
        "2001.0411.4120.1400", "6849.6130.7600.3030", "6849.6130.7680.3740", "4849.6130.7690.3320",
        "1849.6130.7610.3400"}) {
    auto parsed = ParsePaymentReference(vector);
    ASSERT_TRUE(parsed.has_value()) << vector << ": " << parsed.error().message;
    EXPECT_EQ(parsed->kind, PaymentReferenceKind::kBetalingskenmerk) << vector;
    EXPECT_EQ(parsed->normalised.size(), 16U) << vector;
  }
}

TEST(PaymentReferenceTest, MakesBetalingskenmerkFromRulesVectors) {
  EXPECT_EQ(*MakeBetalingskenmerk("1234567"), "271234567");
  EXPECT_EQ(*MakeBetalingskenmerk("12345678"), "4812345678");
  EXPECT_EQ(*MakeBetalingskenmerk("123456789012"), "42123456789012");
  EXPECT_EQ(*MakeBetalingskenmerk("123456789012345"), "0123456789012345");
  EXPECT_EQ(*MakeBetalingskenmerk("000056789012345"), "5000056789012345");
  EXPECT_EQ(*MakeBetalingskenmerk("000000000000006"), "1000000000000006");  // C = 10 -> 1
  EXPECT_EQ(*MakeBetalingskenmerk("000000000000000"), "0000000000000000");  // C = 11 -> 0
}

TEST(PaymentReferenceTest, RefusesToMakeBetalingskenmerkFromBadInput) {
  EXPECT_FALSE(MakeBetalingskenmerk("123456").has_value());
  EXPECT_FALSE(MakeBetalingskenmerk("1234567890123").has_value());
  EXPECT_FALSE(MakeBetalingskenmerk("1234567890123456").has_value());
  EXPECT_NE(MakeBetalingskenmerk("12345a7").error().message.find("digits only"), std::string::npos);
}

// RULES.md §5.3, every row.
TEST(PaymentReferenceTest, MakesRfFromRulesVectors) {
  EXPECT_EQ(*MakeRfReference("539007547034"), "RF18539007547034");
  EXPECT_EQ(*MakeRfReference("2348231"), "RF712348231");
  EXPECT_EQ(*MakeRfReference("AB2G59X56V543"), "RF19AB2G59X56V543");
  EXPECT_EQ(*MakeRfReference("N73GBST73AKL38ZX"), "RF49N73GBST73AKL38ZX");
  EXPECT_EQ(*MakeRfReference("1234567890"), "RF471234567890");
  EXPECT_EQ(*MakeRfReference("INV2024001"), "RF78INV2024001");
  EXPECT_EQ(*MakeRfReference("inv 2024 001"), "RF78INV2024001");
}

TEST(PaymentReferenceTest, ValidatesRfFromRulesVectors) {
  const auto rf = PaymentReferenceKind::kRf;
  ExpectValid("RF18539007547034", rf, "RF18539007547034", "RF18 5390 0754 7034");
  ExpectValid("RF18 5390 0754 7034", rf, "RF18539007547034", "RF18 5390 0754 7034");
  ExpectValid("RF712348231", rf, "RF712348231", "RF71 2348 231");
  ExpectValid("RF19AB2G59X56V543", rf, "RF19AB2G59X56V543", "RF19 AB2G 59X5 6V54 3");
  ExpectValid("RF49N73GBST73AKL38ZX", rf, "RF49N73GBST73AKL38ZX", "RF49 N73G BST7 3AKL 38ZX");
  ExpectValid("RF471234567890", rf, "RF471234567890", "RF47 1234 5678 90");
  ExpectValid("rf78inv2024001", rf, "RF78INV2024001", "RF78 INV2 0240 01");
  ExpectInvalid("RF19539007547034", "check digits 19");
  ExpectInvalid("RF00539007547034", "check digits 00");
  ExpectInvalid("RF18539007547043", "check digits 18");
}

TEST(PaymentReferenceTest, RefusesMalformedRf) {
  ExpectInvalid("RF18", "'RF', two check digits");
  ExpectInvalid("RFAB539007547034", "'RF', two check digits");
  ExpectInvalid("RF18539007547034-", "only letters and digits");
  ExpectInvalid("RF181234567890123456789012", "1 to 21");
  EXPECT_FALSE(MakeRfReference("").has_value());
  EXPECT_FALSE(MakeRfReference("1234567890123456789012").has_value());
  EXPECT_FALSE(MakeRfReference("INV-1").has_value());
}

TEST(PaymentReferenceTest, RefusesWhatIsNoReference) {
  ExpectInvalid("", "empty");
  ExpectInvalid("   ", "empty");
  ExpectInvalid("invoice 2024-7", "not a structured payment reference");
  ExpectInvalid("12345", "this one has 5");
}

TEST(PaymentReferenceTest, NamesKinds) {
  for (auto kind : {PaymentReferenceKind::kOgm, PaymentReferenceKind::kBetalingskenmerk,
                    PaymentReferenceKind::kRf}) {
    EXPECT_EQ(ParsePaymentReferenceKind(PaymentReferenceKindName(kind)), kind);
  }
  EXPECT_FALSE(ParsePaymentReferenceKind("vcs").has_value());
}

}  // namespace
}  // namespace duly
