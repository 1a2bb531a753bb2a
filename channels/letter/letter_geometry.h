// Where things sit on a duly letter, in millimetres from the top-left corner of an A4 sheet.
//
// Promise: the recipient's address lands in the window of the right-window envelopes used in the
// Netherlands and Belgium: DL / EA5/6 (220 x 110 mm) with a 100 x 45 mm window 20 mm from the
// right edge and 15 mm from the bottom (the common bpost and PostNL "venster rechts" envelope),
// holding an A4 sheet folded in three (folds at 99 and 198 mm; fold marks are printed). On the
// sheet that window covers about 100..200 mm from the left and 48..95 mm from the top; the
// address field keeps a margin of a few millimetres inside it so the sheet may shift in the
// envelope: it is kWindow* below, 110..190 mm across and 50..90 mm down, with a 5 mm
// return-address line at its top as DIN 5008 prescribes and the recipient below it. Constants
// only; thread-safe.
#pragma once

namespace duly::channels::letter_geometry {

inline constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double Pt(double mm) { return mm * kPointsPerMm; }

inline constexpr double kPageWidthMm = 210.0;
inline constexpr double kPageHeightMm = 297.0;
inline constexpr double kPageWidthPt = 595.28;  // A4 as cairo and PDF readers expect it
inline constexpr double kPageHeightPt = 841.89;

inline constexpr double kMarginLeftMm = 25.0;
inline constexpr double kMarginRightMm = 20.0;
inline constexpr double kTextWidthMm = kPageWidthMm - kMarginLeftMm - kMarginRightMm;  // 165

// Logo: scaled to fit this box, keeping its proportions, top left.
inline constexpr double kLogoLeftMm = kMarginLeftMm;
inline constexpr double kLogoTopMm = 15.0;
inline constexpr double kLogoMaxWidthMm = 60.0;
inline constexpr double kLogoMaxHeightMm = 25.0;

// Sender block: top right, above the window, aligned with it.
inline constexpr double kSenderLeftMm = 110.0;
inline constexpr double kSenderTopMm = 15.0;
inline constexpr double kSenderWidthMm = 80.0;
inline constexpr double kSenderBottomMm = 47.0;  // must end before the window

// Address field (see the promise above).
inline constexpr double kWindowLeftMm = 110.0;
inline constexpr double kWindowTopMm = 50.0;
inline constexpr double kWindowWidthMm = 80.0;
inline constexpr double kWindowHeightMm = 40.0;
inline constexpr double kReturnLineHeightMm = 5.0;

// Tri-fold marks on the left edge, and the hole-punch mark in the middle.
inline constexpr double kFirstFoldMm = 99.0;
inline constexpr double kSecondFoldMm = 198.0;
inline constexpr double kPunchMarkMm = 148.5;

// First page text: place and date, subject, then the body.
inline constexpr double kPlaceDateTopMm = 100.0;
inline constexpr double kSubjectTopMm = 110.0;
inline constexpr double kAfterSubjectMm = 7.0;

// Later pages: a one-line running head, then the body.
inline constexpr double kRunningHeadTopMm = 15.0;
inline constexpr double kContinuationTopMm = 27.0;

// Everything flows above kContentBottomMm; the page number and footer sit below it.
inline constexpr double kContentBottomMm = 266.0;
inline constexpr double kPageNumberTopMm = 270.0;
inline constexpr double kFooterRuleMm = 279.0;
inline constexpr double kFooterTopMm = 281.0;

// Invoice table columns (number, issued, due, amount, open), summing to kTextWidthMm.
inline constexpr double kColumnWidthsMm[5] = {37.0, 27.0, 27.0, 37.0, 37.0};
inline constexpr double kCellPaddingMm = 1.5;

}  // namespace duly::channels::letter_geometry
