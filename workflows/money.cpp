#include "workflows/money.h"

#include <cstdlib>

namespace duly {

Result<Money> Money::Parse(std::string_view text) {
  if (text.empty()) return InvalidArgument("amount is empty");
  std::size_t pos = 0;
  bool negative = false;
  if (text[0] == '-') {
    negative = true;
    pos = 1;
  }
  std::int64_t whole = 0;
  int whole_digits = 0;
  while (pos < text.size() && text[pos] != '.') {
    char c = text[pos];
    if (c < '0' || c > '9') {
      return InvalidArgument("amount \"" + std::string(text) + "\" is not a decimal number");
    }
    if (++whole_digits > 13) {
      return InvalidArgument("amount \"" + std::string(text) + "\" is too large");
    }
    whole = whole * 10 + (c - '0');
    ++pos;
  }
  if (whole_digits == 0) {
    return InvalidArgument("amount \"" + std::string(text) + "\" has no digits before the point");
  }
  std::int64_t fraction = 0;
  if (pos < text.size()) {  // at '.'
    ++pos;
    int fraction_digits = 0;
    while (pos < text.size()) {
      char c = text[pos];
      if (c < '0' || c > '9') {
        return InvalidArgument("amount \"" + std::string(text) + "\" is not a decimal number");
      }
      if (++fraction_digits > 2) {
        return InvalidArgument("amount \"" + std::string(text) + "\" has more than two decimals");
      }
      fraction = fraction * 10 + (c - '0');
      ++pos;
    }
    if (fraction_digits == 0) {
      return InvalidArgument("amount \"" + std::string(text) + "\" ends with a point");
    }
    if (fraction_digits == 1) fraction *= 10;
  }
  std::int64_t cents = whole * 100 + fraction;
  return Money(negative ? -cents : cents);
}

std::string Money::ToString() const {
  // Unsigned, so the most negative amount has a magnitude too (negating it would overflow).
  const std::uint64_t magnitude =
      cents_ < 0 ? 0 - static_cast<std::uint64_t>(cents_) : static_cast<std::uint64_t>(cents_);
  std::string text = std::to_string(magnitude / 100);
  const std::uint64_t fraction = magnitude % 100;
  text += '.';
  text += static_cast<char>('0' + fraction / 10);
  text += static_cast<char>('0' + fraction % 10);
  return cents_ < 0 ? "-" + text : text;
}

Money Money::Scale(std::int64_t numerator, std::int64_t denominator) const {
  DULY_CHECK(denominator != 0);
  __extension__ typedef __int128 Wide;  // exact intermediate product (GCC, Clang)
  Wide product = static_cast<Wide>(cents_) * numerator;
  Wide den = denominator;
  if (den < 0) {
    den = -den;
    product = -product;
  }
  Wide quotient = product / den;
  Wide remainder = product % den;
  if (remainder < 0) remainder = -remainder;
  if (remainder * 2 >= den) quotient += (product < 0 ? -1 : 1);
  return Money(static_cast<std::int64_t>(quotient));
}

bool IsCurrencyCode(std::string_view code) {
  if (code.size() != 3) return false;
  for (char c : code) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

}  // namespace duly
