#include "workflows/matching/remittance_scan.h"

#include <algorithm>
#include <string>

#include <gtest/gtest.h>

namespace duly {
namespace {

bool Has(const std::vector<std::string>& keys, const std::string& key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

TEST(RemittanceScanTest, FindsReferencesAsPayersTypeThem) {
  struct Case {
    const char* text;
    const char* reference;
  };
  const Case cases[] = {
      {"+++090/9337/55493+++", "090933755493"},
      {"betaling +++123 / 4567 / 89002+++ dank u", "123456789002"},
      {"ref 090/9337/55493", "090933755493"},
      {"***012/3456/78939***", "012345678939"},
      {"RF18 5390 0754 7034", "RF18539007547034"},
      {"invoice rf18539007547034 thanks", "RF18539007547034"},
      {"RF71 2348 231, INV-9", "RF712348231"},
      {"kenmerk 5000 0567 8901 2345", "5000056789012345"},
      {"kenmerk 5000.0567.8901.2345 bedrag 12,50", "5000056789012345"},
  };
  for (const Case& c : cases) {
    const RemittanceClues clues = ScanRemittance(c.text);
    EXPECT_TRUE(Has(clues.references, c.reference)) << c.text;
  }
}

TEST(RemittanceScanTest, RejectsReferencesWithWrongCheckDigits) {
  for (const char* text : {"+++123/4567/89012+++", "RF19 5390 0754 7034", "4000056789012345"}) {
    const RemittanceClues clues = ScanRemittance(text);
    EXPECT_FALSE(Has(clues.references, "123456789012")) << text;
    EXPECT_FALSE(Has(clues.references, "RF19539007547034")) << text;
    EXPECT_FALSE(Has(clues.references, "4000056789012345")) << text;
  }
}

TEST(RemittanceScanTest, FindsSeveralInvoiceNumbers) {
  struct Case {
    const char* text;
    std::vector<std::string> numbers;
  };
  const Case cases[] = {
      {"INV-2026-001, INV-2026-002", {"INV2026001", "INV2026002"}},
      {"Facturen INV 2026 001 en inv2026003", {"INV2026001", "INV2026003"}},
      {"INV-1/INV-2 paid", {"INV1", "INV2"}},
      {"nr.2026-0100;2026-0101", {"20260100", "20260101"}},
  };
  for (const Case& c : cases) {
    const RemittanceClues clues = ScanRemittance(c.text);
    for (const std::string& number : c.numbers) {
      EXPECT_TRUE(Has(clues.invoice_numbers, number)) << c.text << " lacks " << number;
    }
  }
}

TEST(RemittanceScanTest, PunctuationEndsARun) {
  // "001" and "002" are in different runs: no "001002" key.
  const RemittanceClues clues = ScanRemittance("001, 002");
  EXPECT_FALSE(Has(clues.invoice_numbers, "001002"));
  EXPECT_TRUE(Has(clues.invoice_numbers, "001"));
}

TEST(RemittanceScanTest, NoDuplicatesAndNothingFromEmptyText) {
  EXPECT_EQ(ScanRemittance(""), RemittanceClues{});
  EXPECT_EQ(ScanRemittance("  ,;+++  "), RemittanceClues{});
  const RemittanceClues clues = ScanRemittance("INV-7 INV-7 INV-7");
  EXPECT_EQ(std::count(clues.invoice_numbers.begin(), clues.invoice_numbers.end(), "INV7"), 1);
}

TEST(RemittanceScanTest, ReadsOnlyTheFirstBytes) {
  std::string text(kMaxScannedBytes, ' ');
  text += "INV-2026-001";
  EXPECT_TRUE(ScanRemittance(text).invoice_numbers.empty());
}

}  // namespace
}  // namespace duly
