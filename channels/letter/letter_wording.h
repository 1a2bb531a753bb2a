// duly::channels::LetterWording: the few words a letter's renderer adds itself (table headings,
// payment labels, "page 1 of 2") in the letter's language.
//
// Promise: WordingFor knows "nl", "fr", "en" and "de" and returns a kInvalidArgument error on
// field "/language" for anything else. Everything else a letter says comes from its template.
// Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "workflows/status.h"

namespace duly::channels {

struct LetterWording {
  std::string invoice;  // table headings
  std::string issued;
  std::string due;
  std::string amount;
  std::string open;
  std::string total;      // label of the total line under the table
  std::string iban;       // label of the account to pay into
  std::string reference;  // label of the payment reference
  std::string page;       // "Pagina"
  std::string of;         // "van"

  // "Pagina 2 van 3". REQUIRES: 1 <= page_number <= page_count.
  std::string PageOf(int page_number, int page_count) const;
};

Result<LetterWording> WordingFor(std::string_view language);

}  // namespace duly::channels
