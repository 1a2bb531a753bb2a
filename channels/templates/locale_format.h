// Locale formatting of money and calendar dates for customer-facing messages.
//
// Promise: amounts and dates are written the way a reader of the language expects:
//   nl  "€ 1.234,56"   "€ -1.234,56"   "10 maart 2026"
//   fr  "1 234,56 €"   "-1 234,56 €"   "10 mars 2026" ("1er mars 2026" on the first)
//   en  "€1,234.56"    "-€1,234.56"    "10 March 2026"
//   de  "1.234,56 €"   "-1.234,56 €"   "10. März 2026"
// French groups thousands with a plain ASCII space (U+0020), not U+202F: an SMS stays in the
// GSM-7 alphabet (U+202F would force UCS-2 and halve the message length) and text search finds
// the amount. The space before "€" is a plain space too. Currencies other than EUR are written
// with their ISO code first and the language's separators: "USD 12.00" (en), "USD 12,00" (nl).
// Unknown languages format as English. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "workflows/calendar_date.h"
#include "workflows/money.h"

namespace duly::channels {

enum class Locale { kNl, kFr, kEn, kDe };

// The locale for a language tag: "nl", "nl-BE", "fr-BE", "FR", "en-GB", "de-DE" ... by its primary
// subtag; anything unknown is kEn.
Locale LocaleForLanguage(std::string_view language);

// `amount` in `currency` (ISO 4217 code, "EUR" gets the € sign).
std::string FormatMoney(Money amount, std::string_view currency, Locale locale);

// The day written out with the month's name in the locale's language.
std::string FormatDate(CalendarDate day, Locale locale);

}  // namespace duly::channels
