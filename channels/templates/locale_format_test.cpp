#include "channels/templates/locale_format.h"

#include <gtest/gtest.h>

namespace duly::channels {
namespace {

Money Cents(std::int64_t cents) { return Money::FromCents(cents); }

CalendarDate Day(int year, unsigned month, unsigned day) {
  return date::year{year} / date::month{month} / date::day{day};
}

TEST(LocaleFormatTest, EuroAmountsPerLocale) {
  EXPECT_EQ(FormatMoney(Cents(123456), "EUR", Locale::kNl), "€ 1.234,56");
  EXPECT_EQ(FormatMoney(Cents(123456), "EUR", Locale::kFr), "1 234,56 €");
  EXPECT_EQ(FormatMoney(Cents(123456), "EUR", Locale::kEn), "€1,234.56");
  EXPECT_EQ(FormatMoney(Cents(123456), "EUR", Locale::kDe), "1.234,56 €");
}

TEST(LocaleFormatTest, FrenchGroupsWithAPlainSpace) {
  const std::string text = FormatMoney(Cents(123456789), "EUR", Locale::kFr);
  EXPECT_EQ(text, "1 234 567,89 €");
  EXPECT_EQ(text.find("\u202f"), std::string::npos);
}

TEST(LocaleFormatTest, SmallAndRoundAmounts) {
  EXPECT_EQ(FormatMoney(Cents(5), "EUR", Locale::kNl), "€ 0,05");
  EXPECT_EQ(FormatMoney(Cents(0), "EUR", Locale::kEn), "€0.00");
  EXPECT_EQ(FormatMoney(Cents(100000), "EUR", Locale::kEn), "€1,000.00");
  EXPECT_EQ(FormatMoney(Cents(99999), "EUR", Locale::kDe), "999,99 €");
  EXPECT_EQ(FormatMoney(Cents(100000000), "EUR", Locale::kNl), "€ 1.000.000,00");
}

TEST(LocaleFormatTest, NegativeAmounts) {
  EXPECT_EQ(FormatMoney(Cents(-123456), "EUR", Locale::kNl), "€ -1.234,56");
  EXPECT_EQ(FormatMoney(Cents(-123456), "EUR", Locale::kFr), "-1 234,56 €");
  EXPECT_EQ(FormatMoney(Cents(-123456), "EUR", Locale::kEn), "-€1,234.56");
  EXPECT_EQ(FormatMoney(Cents(-123456), "EUR", Locale::kDe), "-1.234,56 €");
  EXPECT_EQ(FormatMoney(Cents(-5), "EUR", Locale::kEn), "-€0.05");
}

TEST(LocaleFormatTest, OtherCurrenciesUseTheirCode) {
  EXPECT_EQ(FormatMoney(Cents(1200), "USD", Locale::kEn), "USD 12.00");
  EXPECT_EQ(FormatMoney(Cents(123456), "GBP", Locale::kNl), "GBP 1.234,56");
  EXPECT_EQ(FormatMoney(Cents(-123456), "CHF", Locale::kFr), "CHF -1 234,56");
}

TEST(LocaleFormatTest, DatesPerLocale) {
  EXPECT_EQ(FormatDate(Day(2026, 3, 10), Locale::kNl), "10 maart 2026");
  EXPECT_EQ(FormatDate(Day(2026, 3, 10), Locale::kFr), "10 mars 2026");
  EXPECT_EQ(FormatDate(Day(2026, 3, 10), Locale::kEn), "10 March 2026");
  EXPECT_EQ(FormatDate(Day(2026, 3, 10), Locale::kDe), "10. März 2026");
}

TEST(LocaleFormatTest, DatesWithAccentsAndTheFrenchFirst) {
  EXPECT_EQ(FormatDate(Day(2026, 2, 1), Locale::kFr), "1er février 2026");
  EXPECT_EQ(FormatDate(Day(2026, 8, 15), Locale::kFr), "15 août 2026");
  EXPECT_EQ(FormatDate(Day(2026, 12, 31), Locale::kFr), "31 décembre 2026");
  EXPECT_EQ(FormatDate(Day(2026, 1, 1), Locale::kNl), "1 januari 2026");
  EXPECT_EQ(FormatDate(Day(2026, 1, 1), Locale::kDe), "1. Januar 2026");
}

TEST(LocaleFormatTest, LocaleFromLanguageTag) {
  EXPECT_EQ(LocaleForLanguage("nl"), Locale::kNl);
  EXPECT_EQ(LocaleForLanguage("nl-BE"), Locale::kNl);
  EXPECT_EQ(LocaleForLanguage("fr-BE"), Locale::kFr);
  EXPECT_EQ(LocaleForLanguage("FR"), Locale::kFr);
  EXPECT_EQ(LocaleForLanguage("de_DE"), Locale::kDe);
  EXPECT_EQ(LocaleForLanguage("en-GB"), Locale::kEn);
  EXPECT_EQ(LocaleForLanguage("pt"), Locale::kEn);
  EXPECT_EQ(LocaleForLanguage(""), Locale::kEn);
}

}  // namespace
}  // namespace duly::channels
