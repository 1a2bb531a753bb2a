// duly::channels::LetterDocument: everything one printed letter says, already worded.
//
// Promise: a LetterDocument is plain data that a LetterRenderer lays out and never rewrites. The
// texts are final: the body comes from a template already rendered, and the amounts and dates in
// the invoice table are already formatted for the customer's locale ("€ 1.250,00",
// "1 250,00 €", "24-11-2026") by the template room, so the letter and the e-mail show the same
// figures. The renderer only adds the table headings, the payment labels and the page numbers,
// in `language`. All strings are UTF-8. Values are copyable and not synchronised.
#pragma once

#include <string>
#include <vector>

namespace duly::channels {

// Who sends the letter: printed top right, as the return address in the envelope window and in
// the footer of every page.
struct LetterSender {
  std::string company_name;                // "Duly Demo BV"
  std::vector<std::string> address_lines;  // {"Kerkstraat 1", "1000 Brussel"}
  std::string iban;                        // "BE68 5390 0754 7034", grouped as it should print
  std::string bic;                         // "GKCCBEBB"; empty to leave out
  std::vector<std::string> contact_lines;  // {"+32 2 123 45 67", "invoices@duly.example"}
};

// Who receives it: exactly what appears in the envelope window.
struct LetterRecipient {
  std::string name;                        // "Brasserie L'Été"
  std::vector<std::string> address_lines;  // {"Rue Féronstrée 12", "4000 Liège", "BELGIQUE"}
};

// One line of the invoice table; every cell is printed as given.
struct LetterInvoiceRow {
  std::string number;  // "INV-2026-0042"
  std::string issued;  // "01-10-2026"
  std::string due;     // "31-10-2026"
  std::string amount;  // "€ 1.250,00": the invoice's total
  std::string open;    // "€ 1.250,00": what is still to pay
};

struct LetterDocument {
  std::string customer;  // customer id, for the print register; not printed
  LetterSender sender;
  LetterRecipient recipient;
  std::string place_and_date;              // "Brussel, 24 november 2026"
  std::string subject;                     // printed bold above the body
  std::vector<std::string> paragraphs;     // body before the table, one string per paragraph
  std::vector<LetterInvoiceRow> invoices;  // empty: the letter has no table
  std::string total;                       // "€ 2.500,00": printed under the table when non-empty
  std::string payment_reference;           // "+++090/9337/55493+++"; empty to leave out
  std::vector<std::string> closing;        // paragraphs after the table ("Met vriendelijke groet")
  std::string logo_png;                    // PNG bytes printed top left; empty for no logo
  std::string language = "nl";             // headings and labels: "nl", "fr", "en" or "de"
};

}  // namespace duly::channels
