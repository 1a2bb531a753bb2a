// duly::Money: an exact amount in minor units (cents), never floating point.
//
// Promise: parsing accepts only plain decimals with at most two fraction digits ("1250", "1250.5",
// "-3.10"); anything else is an error that says why. Arithmetic is exact; scaling by a ratio
// rounds half away from zero ("half-up" as accountants mean it). The currency is kept beside the
// amount by the owning record, not inside Money. Values are plain data.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "workflows/status.h"

namespace duly {

class Money {
 public:
  constexpr Money() = default;
  static constexpr Money FromCents(std::int64_t cents) { return Money(cents); }

  // Parses "[-]digits[.d[d]]". Errors (kInvalidArgument, message without a field name; callers
  // add the field): empty text, a non-digit, more than two decimals, more than 13 integer digits.
  static Result<Money> Parse(std::string_view text);

  constexpr std::int64_t cents() const { return cents_; }
  constexpr bool IsZero() const { return cents_ == 0; }
  constexpr bool IsNegative() const { return cents_ < 0; }

  // "1250.00", "-0.05": always two decimals, '.' separator, no grouping.
  std::string ToString() const;

  // Returns this * numerator / denominator, rounded half away from zero.
  // REQUIRES: denominator != 0.
  Money Scale(std::int64_t numerator, std::int64_t denominator) const;

  constexpr Money operator+(Money other) const { return Money(cents_ + other.cents_); }
  constexpr Money operator-(Money other) const { return Money(cents_ - other.cents_); }
  constexpr Money operator-() const { return Money(-cents_); }
  constexpr Money& operator+=(Money other) {
    cents_ += other.cents_;
    return *this;
  }
  constexpr Money& operator-=(Money other) {
    cents_ -= other.cents_;
    return *this;
  }
  constexpr auto operator<=>(const Money&) const = default;

 private:
  constexpr explicit Money(std::int64_t cents) : cents_(cents) {}
  std::int64_t cents_ = 0;
};

constexpr Money Min(Money a, Money b) { return a < b ? a : b; }
constexpr Money Max(Money a, Money b) { return a < b ? b : a; }

// True when `code` is three upper-case ASCII letters (ISO 4217 shape).
bool IsCurrencyCode(std::string_view code);

}  // namespace duly
