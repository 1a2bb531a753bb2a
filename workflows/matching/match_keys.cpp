#include "workflows/matching/match_keys.h"

#include <array>

#include "workflows/payment_reference.h"

namespace duly {
namespace {

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char ToUpper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }
char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string UpperAlnum(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (IsAsciiDigit(c) || IsAsciiLetter(c)) out.push_back(ToUpper(c));
  }
  return out;
}

bool IsLegalForm(std::string_view word) {
  static constexpr std::array<std::string_view, 13> kForms = {
      "bv", "nv", "vof", "cv", "bvba", "srl", "sa", "sprl", "vzw", "gmbh", "ltd", "inc", "llc"};
  for (std::string_view form : kForms) {
    if (word == form) return true;
  }
  return false;
}

}  // namespace

std::optional<std::string> ReferenceKey(std::string_view text) {
  auto reference = ParsePaymentReference(text);
  if (!reference) return std::nullopt;
  return std::move(reference->normalised);
}

std::string InvoiceNumberKey(std::string_view text) {
  std::string key = UpperAlnum(text);
  bool has_digit = false;
  for (char c : key) has_digit = has_digit || IsAsciiDigit(c);
  if (key.size() < 3 || !has_digit) return {};
  return key;
}

std::string IbanKey(std::string_view text) { return UpperAlnum(text); }

std::string CustomerNameKey(std::string_view text) {
  std::string key;
  std::string word;
  auto end_word = [&] {
    if (!word.empty() && !IsLegalForm(word)) {
      if (!key.empty()) key.push_back(' ');
      key += word;
    }
    word.clear();
  };
  for (char c : text) {
    if (c == '.') continue;  // "B.V." is "bv"
    const auto byte = static_cast<unsigned char>(c);
    if (IsAsciiDigit(c) || IsAsciiLetter(c) || byte >= 0x80) {
      word.push_back(ToLower(c));
    } else {
      end_word();
    }
  }
  end_word();
  return key;
}

}  // namespace duly
