// A customer's letter as a LetterDocument: the rendered letter.text split around the invoice
// table, which the letter draws itself.
//
// Promise: LetterFor builds the document the LetterRenderer lays out. The letter text was
// rendered with the invoice_table partial replaced by kInvoiceTableMarker (TemplateSet
// RenderOptions): its paragraphs (blank-line separated, trimmed) before the marker become the
// body, those after it the closing; without the marker all paragraphs are the body and the
// table follows them. The table's amounts are formatted in the letter's language as in the
// e-mail, its dates numerically ("24-11-2026" nl, "24/11/2026" fr and en, "24.11.2026" de) to
// fit their columns. Place and date read "<company place>, <today written out>". Pure;
// thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "channels/compose/company_profile.h"
#include "channels/compose/recipient_address.h"
#include "channels/letter/letter_document.h"
#include "channels/templates/message_values.h"

namespace duly::channels {

inline constexpr std::string_view kInvoiceTableMarker = "[[duly:invoice-table]]";

struct LetterText {
  std::string language;  // the language the template was rendered in
  std::string subject;   // printed bold above the body; may be empty
  std::string body;      // letter.text as rendered, with the marker
};

LetterDocument LetterFor(const std::string& customer, const PostalLines& recipient,
                         const MessageValues& values, const CompanyProfile& company,
                         const LetterText& text);

}  // namespace duly::channels
