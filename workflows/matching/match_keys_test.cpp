#include "workflows/matching/match_keys.h"

#include <gtest/gtest.h>

namespace duly {
namespace {

TEST(MatchKeysTest, ReferenceKeyAcceptsOnlyPassingCheckDigits) {
  struct Case {
    const char* text;
    std::optional<std::string> key;
  };
  const Case cases[] = {
      {"+++123/4567/89002+++", "123456789002"},     // RULES.md §5.1
      {"***012/3456/78939***", "012345678939"},     // asterisk variant
      {"+++123/4567/89012+++", std::nullopt},       // wrong check digits
      {"rf18 5390 0754 7034", "RF18539007547034"},  // §5.3, payer's spacing and case
      {"RF19539007547034", std::nullopt},           // wrong check
      {"5000 0567 8901 2345", "5000056789012345"},  // §5.2
      {"4000056789012345", std::nullopt},          {"INV-1", std::nullopt}, {"", std::nullopt},
  };
  for (const Case& c : cases) EXPECT_EQ(ReferenceKey(c.text), c.key) << c.text;
}

TEST(MatchKeysTest, InvoiceNumberKeyKeepsLettersAndDigits) {
  const std::pair<const char*, const char*> cases[] = {
      {"inv-2026/001", "INV2026001"},
      {"INV 2026 001", "INV2026001"},
      {"2026-0100", "20260100"},
      {"A1", ""},        // too short
      {"FACTUUR", ""},   // no digit
      {"Ré-12", "R12"},  // non-ASCII letters are dropped
  };
  for (const auto& [text, key] : cases) EXPECT_EQ(InvoiceNumberKey(text), key) << text;
}

TEST(MatchKeysTest, IbanKeyIgnoresSpacingAndCase) {
  EXPECT_EQ(IbanKey("nl91 abna 0417 1643 00"), "NL91ABNA0417164300");
  EXPECT_EQ(IbanKey("BE68-5390-0754-7034"), "BE68539007547034");
  EXPECT_EQ(IbanKey(""), "");
}

TEST(MatchKeysTest, CustomerNameKeyDropsLegalFormsAndPunctuation) {
  const std::pair<const char*, const char*> cases[] = {
      {"Acme B.V.", "acme"},
      {"ACME BV", "acme"},
      {"Bakkerij  Jansen, Amsterdam", "bakkerij jansen amsterdam"},
      {"Jansen Holding NV", "jansen holding"},
      {"Delta SRL", "delta"},
      {"Café Noël", "café noël"},  // UTF-8 bytes kept as they are
      {"B.V.", ""},
  };
  for (const auto& [text, key] : cases) EXPECT_EQ(CustomerNameKey(text), key) << text;
}

}  // namespace
}  // namespace duly
