#include "channels/letter/letter_wording.h"

namespace duly::channels {

std::string LetterWording::PageOf(int page_number, int page_count) const {
  DULY_CHECK(page_number >= 1 && page_number <= page_count);
  return page + " " + std::to_string(page_number) + " " + of + " " + std::to_string(page_count);
}

Result<LetterWording> WordingFor(std::string_view language) {
  if (language == "nl") {
    return LetterWording{"Factuur",
                         "Datum",
                         "Vervaldag",
                         "Bedrag",
                         "Openstaand",
                         "Totaal openstaand",
                         "Rekeningnummer (IBAN)",
                         "Mededeling",
                         "Pagina",
                         "van"};
  }
  if (language == "fr") {
    return LetterWording{"Facture",  "Date",          "Échéance",      "Montant", "Solde dû",
                         "Total dû", "Compte (IBAN)", "Communication", "Page",    "sur"};
  }
  if (language == "en") {
    return LetterWording{"Invoice",    "Date",           "Due date",          "Amount", "Open",
                         "Total open", "Account (IBAN)", "Payment reference", "Page",   "of"};
  }
  if (language == "de") {
    return LetterWording{"Rechnung",    "Datum",        "Fällig am",        "Betrag", "Offen",
                         "Summe offen", "Konto (IBAN)", "Verwendungszweck", "Seite",  "von"};
  }
  return FieldInvalid("/language", "letters are printed in nl, fr, en or de, not \"" +
                                       std::string(language) + "\"");
}

}  // namespace duly::channels
