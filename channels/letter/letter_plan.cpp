#include "channels/letter/letter_plan.h"

#include <string>

#include "channels/letter/letter_geometry.h"

namespace duly::channels {
namespace {

namespace geo = letter_geometry;

constexpr double kParagraphGapPt = 7.0;
constexpr double kTableGapPt = 8.0;

double TextWidth() { return geo::Pt(geo::kTextWidthMm); }

std::string Mm(double mm) { return std::to_string(static_cast<int>(mm)) + " mm"; }

Status CheckAddressWindow(const LetterRecipient& recipient, const LetterCanvas& canvas) {
  const double width = geo::Pt(geo::kWindowWidthMm);
  const double line = canvas.LineHeight(kAddressStyle);
  if (recipient.name.empty()) return FieldInvalid("/recipient/name", "a letter needs a name");
  if (recipient.address_lines.empty()) {
    return FieldInvalid("/recipient/address_lines", "a letter needs a postal address");
  }
  if (canvas.Width(recipient.name, kAddressStyle) > width) {
    return FieldInvalid("/recipient/name",
                        "wider than the envelope window (" + Mm(geo::kWindowWidthMm) + ")");
  }
  for (std::size_t i = 0; i < recipient.address_lines.size(); ++i) {
    if (canvas.Width(recipient.address_lines[i], kAddressStyle) > width) {
      return FieldInvalid("/recipient/address_lines/" + std::to_string(i),
                          "wider than the envelope window (" + Mm(geo::kWindowWidthMm) + ")");
    }
  }
  const double lines = static_cast<double>(recipient.address_lines.size() + 1);
  if (geo::Pt(geo::kReturnLineHeightMm) + lines * line > geo::Pt(geo::kWindowHeightMm)) {
    return FieldInvalid("/recipient/address_lines", "too many lines for the envelope window (" +
                                                        Mm(geo::kWindowHeightMm) + " high)");
  }
  return Status::Ok();
}

Status CheckSenderBlock(const LetterSender& sender, const LetterCanvas& canvas) {
  if (sender.company_name.empty()) {
    return FieldInvalid("/sender/company_name", "a letter needs its sender's name");
  }
  const double width = geo::Pt(geo::kSenderWidthMm);
  double height = canvas.Measure(sender.company_name, kSenderNameStyle, width);
  for (const auto& line : sender.address_lines) {
    height += canvas.Measure(line, kSenderStyle, width);
  }
  for (const auto& line : sender.contact_lines) {
    height += canvas.Measure(line, kSenderStyle, width);
  }
  if (geo::Pt(geo::kSenderTopMm) + height > geo::Pt(geo::kSenderBottomMm)) {
    return FieldInvalid("/sender",
                        "the sender block runs into the envelope window; use fewer "
                        "address or contact lines");
  }
  return Status::Ok();
}

Status CheckAmounts(const LetterDocument& letter, const LetterCanvas& canvas) {
  const double padding = 2 * CellPadding();
  const double amount_width = geo::Pt(geo::kColumnWidthsMm[3]) - padding;
  const double open_width = geo::Pt(geo::kColumnWidthsMm[4]) - padding;
  for (std::size_t i = 0; i < letter.invoices.size(); ++i) {
    const auto& row = letter.invoices[i];
    if (canvas.Width(row.amount, kTableStyle) > amount_width) {
      return FieldInvalid("/invoices/" + std::to_string(i) + "/amount",
                          "wider than its column (" + Mm(geo::kColumnWidthsMm[3]) + ")");
    }
    if (canvas.Width(row.open, kTableStyle) > open_width) {
      return FieldInvalid("/invoices/" + std::to_string(i) + "/open",
                          "wider than its column (" + Mm(geo::kColumnWidthsMm[4]) + ")");
    }
  }
  if (canvas.Width(letter.total, kTableBoldStyle) > open_width) {
    return FieldInvalid("/total", "wider than its column (" + Mm(geo::kColumnWidthsMm[4]) + ")");
  }
  return Status::Ok();
}

// Flows blocks down pages.
class Flow {
 public:
  Flow(double first_top, double bottom) : y_(first_top), bottom_(bottom) {
    plan_.pages.emplace_back();
  }

  bool Fits(double height) const { return y_ + height <= bottom_; }
  bool AtPageTop() const { return plan_.pages.back().empty(); }
  // Starts a new page unless `height` fits here or this is already the top of a later page
  // (the first page has less room: a block too tall for it moves on rather than overflow).
  void MakeRoom(double height) {
    if (Fits(height)) return;
    if (AtPageTop() && plan_.pages.size() > 1) return;
    NewPage();
  }
  double Room() const { return bottom_ - geo::Pt(geo::kContinuationTopMm); }

  void NewPage() {
    plan_.pages.emplace_back();
    y_ = geo::Pt(geo::kContinuationTopMm);
  }
  void Place(LetterBlockKind kind, std::size_t index, double height, double gap_after) {
    plan_.pages.back().push_back(PlacedBlock{kind, index, y_, height});
    y_ += height + gap_after;
  }
  void Skip(double gap) { y_ += gap; }
  // Places a block that must stay whole; starts a new page when it does not fit here.
  Status PlaceWhole(LetterBlockKind kind, std::size_t index, double height,
                    const std::string& field) {
    if (height > Room()) return FieldInvalid(field, "taller than a page; split it in paragraphs");
    MakeRoom(height);
    Place(kind, index, height, kParagraphGapPt);
    return Status::Ok();
  }
  LetterPlan Take() && { return std::move(plan_); }

 private:
  LetterPlan plan_;
  double y_;
  double bottom_;
};

}  // namespace

double TableRowHeight(const LetterCanvas& canvas) {
  return canvas.LineHeight(kTableStyle) + 2 * CellPadding();
}

double CellPadding() { return geo::Pt(geo::kCellPaddingMm); }

Result<LetterPlan> PlanLetter(const LetterDocument& letter, const LetterCanvas& canvas) {
  if (Status status = CheckAddressWindow(letter.recipient, canvas); !status.ok()) {
    return std::move(status).error();
  }
  if (Status status = CheckSenderBlock(letter.sender, canvas); !status.ok()) {
    return std::move(status).error();
  }
  if (Status status = CheckAmounts(letter, canvas); !status.ok()) {
    return std::move(status).error();
  }

  const double subject_top = geo::Pt(geo::kSubjectTopMm);
  const double subject_height = canvas.Measure(letter.subject, kBodyBoldStyle, TextWidth());
  Flow flow(subject_top + subject_height + geo::Pt(geo::kAfterSubjectMm),
            geo::Pt(geo::kContentBottomMm));

  for (std::size_t i = 0; i < letter.paragraphs.size(); ++i) {
    double height = canvas.Measure(letter.paragraphs[i], kBodyStyle, TextWidth());
    if (Status status = flow.PlaceWhole(LetterBlockKind::kParagraph, i, height,
                                        "/paragraphs/" + std::to_string(i));
        !status.ok()) {
      return std::move(status).error();
    }
  }

  if (!letter.invoices.empty()) {
    const double row = TableRowHeight(canvas);
    const double heading = row + 1.0;
    const double total = letter.total.empty() ? 0.0 : row + 2.0;
    flow.Skip(kTableGapPt - kParagraphGapPt);
    const std::size_t count = letter.invoices.size();
    for (std::size_t i = 0; i < count; ++i) {
      const bool first = i == 0;
      const double keep = row + (i + 1 == count ? total : 0.0);  // the last row keeps the total
      const bool top_before = flow.AtPageTop();
      flow.MakeRoom(first ? heading + keep : keep);
      if (first || (flow.AtPageTop() && !top_before)) {
        flow.Place(LetterBlockKind::kTableHeading, 0, heading, 0);
      }
      flow.Place(LetterBlockKind::kInvoiceRow, i, row, 0);
    }
    if (total > 0) flow.Place(LetterBlockKind::kTotal, 0, total, 0);
    flow.Skip(kTableGapPt + kParagraphGapPt);
  }

  if (!letter.sender.iban.empty() || !letter.payment_reference.empty()) {
    const double line = canvas.LineHeight(kBodyStyle);
    const double lines =
        (letter.sender.iban.empty() ? 0 : 1) + (letter.payment_reference.empty() ? 0 : 1);
    if (Status status = flow.PlaceWhole(LetterBlockKind::kPayment, 0,
                                        lines * line + 2 * CellPadding(), "/payment_reference");
        !status.ok()) {
      return std::move(status).error();
    }
  }

  for (std::size_t i = 0; i < letter.closing.size(); ++i) {
    double height = canvas.Measure(letter.closing[i], kBodyStyle, TextWidth());
    if (Status status =
            flow.PlaceWhole(LetterBlockKind::kClosing, i, height, "/closing/" + std::to_string(i));
        !status.ok()) {
      return std::move(status).error();
    }
  }

  LetterPlan plan = std::move(flow).Take();
  plan.subject_top_pt = subject_top;
  return plan;
}

}  // namespace duly::channels
