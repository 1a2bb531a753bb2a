// duly::channels::LetterPlan: which block of a letter goes on which page, and where.
//
// Promise: PlanLetter measures every block of a letter with the canvas that will draw it and
// flows the blocks down the pages: body paragraphs, the invoice table (its heading repeated at
// the top of every page the table continues on, the last row kept with the total), the payment
// block and the closing paragraphs. Nothing is drawn. A letter that cannot be printed as asked
// is an error, not a clipped page: kInvalidArgument with a JSON pointer into the LetterDocument
// ("/recipient/address_lines/3", "/invoices/7/amount", "/paragraphs/2") when the address does
// not fit the envelope window, the sender block runs into it, an amount is wider than its
// column, or a single paragraph is taller than a page. Pure given the canvas; not thread-safe
// beyond the canvas's own rules.
#pragma once

#include <cstddef>
#include <vector>

#include "channels/letter/letter_canvas.h"
#include "channels/letter/letter_document.h"
#include "workflows/status.h"

namespace duly::channels {

enum class LetterBlockKind { kParagraph, kTableHeading, kInvoiceRow, kTotal, kPayment, kClosing };

struct PlacedBlock {
  LetterBlockKind kind = LetterBlockKind::kParagraph;
  std::size_t index = 0;  // paragraph, row or closing index; 0 for the others
  double top_pt = 0;      // from the top of the page
  double height_pt = 0;
};

struct LetterPlan {
  std::vector<std::vector<PlacedBlock>> pages;  // never empty
  double subject_top_pt = 0;                    // first page
};

// The type sizes every part of the letter uses.
inline constexpr TextStyle kBodyStyle{10.0, false};
inline constexpr TextStyle kBodyBoldStyle{10.0, true};
inline constexpr TextStyle kTableStyle{9.5, false};
inline constexpr TextStyle kTableBoldStyle{9.5, true};
inline constexpr TextStyle kSenderStyle{8.5, false};
inline constexpr TextStyle kSenderNameStyle{11.0, true};
inline constexpr TextStyle kAddressStyle{10.0, false};
inline constexpr TextStyle kReturnLineStyle{6.5, false};
inline constexpr TextStyle kFooterStyle{7.5, false};

// Heights the plan and the drawing share.
double TableRowHeight(const LetterCanvas& canvas);
double CellPadding();

Result<LetterPlan> PlanLetter(const LetterDocument& letter, const LetterCanvas& canvas);

}  // namespace duly::channels
