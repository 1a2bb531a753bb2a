#include "daemon/statements/statement_amount.h"

#include <cstdint>
#include <string>

namespace duly::statements {

Result<Money> ParseStatementAmount(std::string_view text, char separator) {
  if (text.empty()) return InvalidArgument("amount is empty");
  const auto sep = text.find(separator);
  const std::string_view whole = text.substr(0, sep);
  const std::string_view fraction =
      sep == std::string_view::npos ? std::string_view{} : text.substr(sep + 1);
  if (whole.empty() && fraction.empty()) {
    return InvalidArgument("amount \"" + std::string(text) + "\" has no digits");
  }
  std::int64_t cents = 0;
  int integer_digits = 0;
  for (const char c : whole) {
    if (c < '0' || c > '9') {
      return InvalidArgument("amount \"" + std::string(text) + "\" contains '" + std::string(1, c) +
                             "'");
    }
    if (cents == 0 && c == '0') continue;
    if (++integer_digits > 13) {
      return InvalidArgument("amount \"" + std::string(text) + "\" has too many digits");
    }
    cents = cents * 10 + (c - '0');
  }
  cents *= 100;
  for (std::size_t i = 0; i < fraction.size(); ++i) {
    const char c = fraction[i];
    if (c < '0' || c > '9') {
      return InvalidArgument("amount \"" + std::string(text) + "\" contains '" + std::string(1, c) +
                             "'");
    }
    if (i == 0) cents += 10 * (c - '0');
    if (i == 1) cents += c - '0';
    if (i >= 2 && c != '0') {
      return InvalidArgument("amount \"" + std::string(text) +
                             "\" has a non-zero digit beyond cents; duly does not round money");
    }
  }
  return Money::FromCents(cents);
}

bool HasIbanShape(std::string_view text) {
  if (text.size() < 15 || text.size() > 34) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool upper = c >= 'A' && c <= 'Z';
    const bool digit = c >= '0' && c <= '9';
    if (i < 2 ? !upper : i < 4 ? !digit : !(upper || digit)) return false;
  }
  return true;
}

}  // namespace duly::statements
