#include "channels/compose/letter_composition.h"

#include <cstdio>
#include <vector>

#include <date/date.h>

#include "channels/templates/locale_format.h"

namespace duly::channels {
namespace {

std::string Trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

// Paragraphs separated by blank lines; line breaks inside a paragraph stay.
std::vector<std::string> Paragraphs(std::string_view text) {
  std::vector<std::string> paragraphs;
  std::string current;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string line = Trim(text.substr(start, end - start));
    if (line.empty()) {
      if (!current.empty()) paragraphs.push_back(std::move(current));
      current.clear();
    } else {
      current += (current.empty() ? "" : "\n") + line;
    }
    start = end + 1;
  }
  if (!current.empty()) paragraphs.push_back(std::move(current));
  return paragraphs;
}

std::string NumericDate(CalendarDate day, Locale locale) {
  const date::year_month_day ymd{day};
  const char separator = locale == Locale::kNl ? '-' : locale == Locale::kDe ? '.' : '/';
  char text[16];
  std::snprintf(text, sizeof text, "%02u%c%02u%c%04d", static_cast<unsigned>(ymd.day()), separator,
                static_cast<unsigned>(ymd.month()), separator, static_cast<int>(ymd.year()));
  return text;
}

}  // namespace

LetterDocument LetterFor(const std::string& customer, const PostalLines& recipient,
                         const MessageValues& values, const CompanyProfile& company,
                         const LetterText& text) {
  const Locale locale = LocaleForLanguage(text.language);
  LetterDocument letter;
  letter.customer = customer;
  letter.language = text.language;
  letter.sender.company_name = company.name;
  letter.sender.address_lines = company.address_lines;
  letter.sender.iban = company.iban;
  letter.sender.bic = company.bic;
  for (const std::string* contact : {&company.phone, &company.email}) {
    if (!contact->empty()) letter.sender.contact_lines.push_back(*contact);
  }
  letter.recipient.name = recipient.name;
  letter.recipient.address_lines = recipient.lines;
  const std::string day = FormatDate(values.today, locale);
  letter.place_and_date = company.place.empty() ? day : company.place + ", " + day;
  letter.subject = Trim(text.subject);

  const auto marker = text.body.find(kInvoiceTableMarker);
  if (marker == std::string::npos) {
    letter.paragraphs = Paragraphs(text.body);
  } else {
    letter.paragraphs = Paragraphs(std::string_view(text.body).substr(0, marker));
    letter.closing =
        Paragraphs(std::string_view(text.body).substr(marker + kInvoiceTableMarker.size()));
  }

  Money total;
  for (const InvoiceLine& invoice : values.invoices) {
    letter.invoices.push_back(LetterInvoiceRow{
        invoice.number, NumericDate(invoice.issued, locale), NumericDate(invoice.due, locale),
        FormatMoney(invoice.amount, values.currency, locale),
        FormatMoney(invoice.open_amount, values.currency, locale)});
    total += invoice.open_amount;
  }
  if (!values.invoices.empty()) letter.total = FormatMoney(total, values.currency, locale);
  letter.payment_reference = values.reference;
  letter.logo_png = company.logo_png;
  return letter;
}

}  // namespace duly::channels
