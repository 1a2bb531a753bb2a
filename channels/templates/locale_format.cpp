#include "channels/templates/locale_format.h"

#include <array>
#include <cstdint>

namespace duly::channels {
namespace {

struct Separators {
  std::string_view group;
  std::string_view decimal;
};

Separators SeparatorsOf(Locale locale) {
  switch (locale) {
    case Locale::kNl:
    case Locale::kDe:
      return {".", ","};
    case Locale::kFr:
      return {" ", ","};
    case Locale::kEn:
      break;
  }
  return {",", "."};
}

// The absolute amount as "1.234,56" with the locale's separators.
std::string Digits(Money amount, Locale locale) {
  const Separators separators = SeparatorsOf(locale);
  std::uint64_t cents = amount.IsNegative() ? 0 - static_cast<std::uint64_t>(amount.cents())
                                            : static_cast<std::uint64_t>(amount.cents());
  const std::string whole = std::to_string(cents / 100);
  const std::uint64_t fraction = cents % 100;
  std::string out;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) out += separators.group;
    out += whole[i];
  }
  out += separators.decimal;
  out += static_cast<char>('0' + fraction / 10);
  out += static_cast<char>('0' + fraction % 10);
  return out;
}

constexpr std::array<std::string_view, 12> kDutchMonths = {
    "januari", "februari", "maart",     "april",   "mei",      "juni",
    "juli",    "augustus", "september", "oktober", "november", "december"};
constexpr std::array<std::string_view, 12> kFrenchMonths = {
    "janvier", "février", "mars",      "avril",   "mai",      "juin",
    "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
constexpr std::array<std::string_view, 12> kEnglishMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 12> kGermanMonths = {
    "Januar", "Februar", "März",      "April",   "Mai",      "Juni",
    "Juli",   "August",  "September", "Oktober", "November", "Dezember"};

}  // namespace

Locale LocaleForLanguage(std::string_view language) {
  const std::string_view primary = language.substr(0, language.find_first_of("-_"));
  std::string lower;
  for (char c : primary) lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  if (lower == "nl") return Locale::kNl;
  if (lower == "fr") return Locale::kFr;
  if (lower == "de") return Locale::kDe;
  return Locale::kEn;
}

std::string FormatMoney(Money amount, std::string_view currency, Locale locale) {
  const std::string digits = Digits(amount, locale);
  const std::string_view sign = amount.IsNegative() ? "-" : "";
  std::string out;
  if (currency != "EUR") {
    out.append(currency).append(" ").append(sign).append(digits);
    return out;
  }
  switch (locale) {
    case Locale::kNl:
      out.append("€ ").append(sign).append(digits);
      break;
    case Locale::kFr:
    case Locale::kDe:
      out.append(sign).append(digits).append(" €");
      break;
    case Locale::kEn:
      out.append(sign).append("€").append(digits);
      break;
  }
  return out;
}

std::string FormatDate(CalendarDate day, Locale locale) {
  const date::year_month_day ymd{day};
  const auto day_number = static_cast<unsigned>(ymd.day());
  const std::size_t month_index = static_cast<unsigned>(ymd.month()) - 1;
  const std::string year = std::to_string(static_cast<int>(ymd.year()));
  const std::string number = std::to_string(day_number);
  std::string out;
  switch (locale) {
    case Locale::kNl:
      out.append(number).append(" ").append(kDutchMonths[month_index]);
      break;
    case Locale::kFr:
      out.append(number).append(day_number == 1 ? "er " : " ").append(kFrenchMonths[month_index]);
      break;
    case Locale::kEn:
      out.append(number).append(" ").append(kEnglishMonths[month_index]);
      break;
    case Locale::kDe:
      out.append(number).append(". ").append(kGermanMonths[month_index]);
      break;
  }
  out.append(" ").append(year);
  return out;
}

}  // namespace duly::channels
