// duly::channels::LetterRenderer: letters to A4 PDF bytes, one letter or a day's print batch.
//
// Promise: Render turns one LetterDocument into a PDF (A4, 595.28 x 841.89 pt) held in memory;
// no file is written. Page one carries the logo (top left), the sender block (top right), the
// recipient's address in the right-hand envelope window (positions in letter_geometry.h), fold
// marks, place and date, and the subject; the body, the invoice table (amounts right-aligned,
// its heading repeated on every page it continues on), the payment block and the closing follow,
// breaking pages as needed. Every page shows "page n of m" for its letter and a footer with the
// sender's name, IBAN and contact. All text is set by pango from UTF-8, so é, ë, ç and € print as
// written and can be found again by a PDF text extractor.
//
// RenderBatch renders several letters into one PDF, each starting on a new page, with a PDF
// outline entry per letter, and returns the register of the batch: for each letter, in order,
// the customer, the recipient, its first page in the PDF (1-based) and its page count.
//
// Errors: kInvalidArgument with a JSON pointer into the letter (batch: prefixed with the
// letter's index, "/2/recipient/address_lines/1") for text that is not UTF-8, a language
// without wording (letter_wording.h), a logo that is not a PNG, and every reason PlanLetter gives
// (letter_plan.h); an empty batch is kInvalidArgument. kInternal when cairo fails to produce the
// PDF. Thread-safety: Render and RenderBatch are const and may run on several threads at once;
// each call owns its surface and contexts (pango's default font map is per thread).
#pragma once

#include <string>
#include <vector>

#include "channels/letter/letter_document.h"
#include "workflows/status.h"

namespace duly::channels {

struct LetterRegisterEntry {
  std::string customer;        // LetterDocument::customer
  std::string recipient_name;  // as printed in the window
  int first_page = 0;          // 1-based page of the batch PDF the letter starts on
  int pages = 0;               // how many pages the letter has
  friend bool operator==(const LetterRegisterEntry&, const LetterRegisterEntry&) = default;
};

struct PrintBatch {
  std::string pdf;                           // the whole batch, ready for the printer
  std::vector<LetterRegisterEntry> letters;  // the register, in the order of the PDF
  int pages = 0;                             // total pages in `pdf`
};

class LetterRenderer {
 public:
  // `font_family` is a fontconfig family; DejaVu Sans ships with Debian (fonts-dejavu-core) and
  // covers Latin, € and the accented letters of Dutch, French and German.
  explicit LetterRenderer(std::string font_family = "DejaVu Sans");

  Result<std::string> Render(const LetterDocument& letter) const;
  Result<PrintBatch> RenderBatch(const std::vector<LetterDocument>& letters) const;

 private:
  std::string font_family_;
};

}  // namespace duly::channels
