#include "workflows/matching/remittance_scan.h"

#include <algorithm>
#include <unordered_set>

#include "workflows/matching/match_keys.h"

namespace duly {
namespace {

constexpr std::size_t kMaxPartsPerNumber = 4;
constexpr std::size_t kMaxNumberLength = 35;
constexpr std::size_t kMaxDigitReference = 16;  // longest betalingskenmerk
constexpr std::size_t kMaxRfReference = 25;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char ToUpper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }
// Characters that split a word into parts without ending the run ("INV-2026/001", "2026 001").
bool IsWeakSeparator(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-' || c == '_' || c == '.' ||
         c == '/';
}
bool AllDigits(const std::string& part) {
  return std::all_of(part.begin(), part.end(), [](char c) { return IsDigit(c); });
}

// Runs of upper-cased letter/digit parts; any character that is neither part nor weak
// separator (',', ';', '+', ':', non-ASCII, ...) ends a run.
std::vector<std::vector<std::string>> SplitRuns(std::string_view text) {
  std::vector<std::vector<std::string>> runs(1);
  std::string part;
  auto end_part = [&] {
    if (!part.empty()) runs.back().push_back(std::move(part));
    part.clear();
  };
  for (char c : text) {
    if (IsDigit(c) || IsLetter(c)) {
      part.push_back(ToUpper(c));
    } else if (IsWeakSeparator(c)) {
      end_part();
    } else {
      end_part();
      if (!runs.back().empty()) runs.emplace_back();
    }
  }
  end_part();
  return runs;
}

void AddOnce(std::vector<std::string>& keys, std::string key) {
  if (key.empty()) return;
  if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(std::move(key));
}

void AddReference(std::vector<std::string>& keys, const std::string& candidate) {
  if (auto key = ReferenceKey(candidate)) AddOnce(keys, std::move(*key));
}

bool IsDigitReferenceLength(std::size_t n) { return n == 7 || (n >= 9 && n <= 14) || n == 16; }

// Consecutive digit-only parts from `first`: "090" "9337" "55493" -> "090933755493".
void ScanDigitReferences(const std::vector<std::string>& run, std::size_t first,
                         std::vector<std::string>& keys) {
  std::string digits;
  for (std::size_t i = first; i < run.size() && AllDigits(run[i]); ++i) {
    if (digits.size() + run[i].size() > kMaxDigitReference) break;
    digits += run[i];
    if (IsDigitReferenceLength(digits.size())) AddReference(keys, digits);
  }
}

// "RF18" followed by parts: "RF18" "5390" "0754" "7034" -> "RF18539007547034".
void ScanRfReferences(const std::vector<std::string>& run, std::size_t first,
                      std::vector<std::string>& keys) {
  std::string reference;
  for (std::size_t i = first; i < run.size(); ++i) {
    if (reference.size() + run[i].size() > kMaxRfReference) break;
    reference += run[i];
    if (reference.size() >= 5) AddReference(keys, reference);
  }
}

}  // namespace

RemittanceClues ScanRemittance(std::string_view text) {
  RemittanceClues clues;
  std::unordered_set<std::string> seen_numbers;
  const auto runs = SplitRuns(text.substr(0, std::min(text.size(), kMaxScannedBytes)));
  for (const auto& run : runs) {
    for (std::size_t first = 0; first < run.size(); ++first) {
      if (AllDigits(run[first])) {
        ScanDigitReferences(run, first, clues.references);
      } else if (run[first].starts_with("RF")) {
        ScanRfReferences(run, first, clues.references);
      }
      std::string joined;
      for (std::size_t last = first; last < run.size() && last < first + kMaxPartsPerNumber;
           ++last) {
        joined += run[last];
        if (joined.size() > kMaxNumberLength) break;
        std::string key = InvoiceNumberKey(joined);
        if (!key.empty() && seen_numbers.insert(key).second) {
          clues.invoice_numbers.push_back(std::move(key));
        }
      }
    }
  }
  return clues;
}

}  // namespace duly
