#include "channels/letter/letter_renderer.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>

#include "channels/letter/letter_canvas.h"
#include "channels/letter/letter_geometry.h"
#include "channels/letter/letter_plan.h"
#include "channels/letter/letter_wording.h"

namespace duly::channels {
namespace {

namespace geo = letter_geometry;
using geo::Pt;

constexpr std::string_view kSeparator = "  ·  ";

Status CheckUtf8(const std::string& text, const std::string& field) {
  if (g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr)) {
    return Status::Ok();
  }
  return FieldInvalid(field, "not valid UTF-8");
}

Status CheckUtf8(const std::vector<std::string>& lines, const std::string& field) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (Status status = CheckUtf8(lines[i], field + "/" + std::to_string(i)); !status.ok()) {
      return status;
    }
  }
  return Status::Ok();
}

Status CheckLetterText(const LetterDocument& letter) {
  const std::pair<const std::string*, const char*> fields[] = {
      {&letter.sender.company_name, "/sender/company_name"},
      {&letter.sender.iban, "/sender/iban"},
      {&letter.sender.bic, "/sender/bic"},
      {&letter.recipient.name, "/recipient/name"},
      {&letter.place_and_date, "/place_and_date"},
      {&letter.subject, "/subject"},
      {&letter.total, "/total"},
      {&letter.payment_reference, "/payment_reference"}};
  for (const auto& [text, field] : fields) {
    if (Status status = CheckUtf8(*text, field); !status.ok()) return status;
  }
  const std::pair<const std::vector<std::string>*, const char*> lists[] = {
      {&letter.sender.address_lines, "/sender/address_lines"},
      {&letter.sender.contact_lines, "/sender/contact_lines"},
      {&letter.recipient.address_lines, "/recipient/address_lines"},
      {&letter.paragraphs, "/paragraphs"},
      {&letter.closing, "/closing"}};
  for (const auto& [lines, field] : lists) {
    if (Status status = CheckUtf8(*lines, field); !status.ok()) return status;
  }
  for (std::size_t i = 0; i < letter.invoices.size(); ++i) {
    const auto& row = letter.invoices[i];
    const std::string at = "/invoices/" + std::to_string(i);
    for (const auto& [text, name] : {std::pair{&row.number, "/number"},
                                     {&row.issued, "/issued"},
                                     {&row.due, "/due"},
                                     {&row.amount, "/amount"},
                                     {&row.open, "/open"}}) {
      if (Status status = CheckUtf8(*text, at + name); !status.ok()) return status;
    }
  }
  return Status::Ok();
}

std::string Joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& part : parts) {
    if (part.empty()) continue;
    if (!out.empty()) out += kSeparator;
    out += part;
  }
  return out;
}

// Draws one letter's pages from its plan.
class LetterPainter {
 public:
  LetterPainter(LetterCanvas& canvas, const LetterDocument& letter, const LetterWording& words,
                const std::optional<LetterImage>& logo)
      : canvas_(canvas), letter_(letter), words_(words), logo_(logo) {}

  void Page(const LetterPlan& plan, std::size_t page) {
    if (page == 0) {
      FirstPageFurniture(plan);
    } else {
      RunningHead();
    }
    for (const PlacedBlock& block : plan.pages[page]) Block(block);
    Footer(static_cast<int>(page) + 1, static_cast<int>(plan.pages.size()));
  }

 private:
  static double Left() { return Pt(geo::kMarginLeftMm); }
  static double Width() { return Pt(geo::kTextWidthMm); }

  void FirstPageFurniture(const LetterPlan& plan) {
    if (logo_) {
      canvas_.Picture(*logo_, Pt(geo::kLogoLeftMm), Pt(geo::kLogoTopMm), Pt(geo::kLogoMaxWidthMm),
                      Pt(geo::kLogoMaxHeightMm));
    }
    const LetterSender& sender = letter_.sender;
    const double sender_x = Pt(geo::kSenderLeftMm);
    const double sender_width = Pt(geo::kSenderWidthMm);
    double y = Pt(geo::kSenderTopMm);
    y += canvas_.Draw(sender_x, y, sender_width, sender.company_name, kSenderNameStyle);
    for (const auto& line : sender.address_lines) {
      y += canvas_.Draw(sender_x, y, sender_width, line, kSenderStyle);
    }
    for (const auto& line : sender.contact_lines) {
      y += canvas_.Draw(sender_x, y, sender_width, line, kSenderStyle);
    }

    // The envelope window: a return-address line, then the recipient.
    const double window_x = Pt(geo::kWindowLeftMm);
    const double window_width = Pt(geo::kWindowWidthMm);
    std::vector<std::string> return_parts{sender.company_name};
    return_parts.insert(return_parts.end(), sender.address_lines.begin(),
                        sender.address_lines.end());
    const double return_y = Pt(geo::kWindowTopMm);
    const double return_height =
        canvas_.Draw(window_x, return_y, window_width, Joined(return_parts), kReturnLineStyle,
                     TextAlign::kLeft, TextFit::kOneLine);
    canvas_.Rule(window_x, window_x + window_width, return_y + return_height + 0.8, 0.3, 0.5);
    y = Pt(geo::kWindowTopMm + geo::kReturnLineHeightMm);
    y += canvas_.Draw(window_x, y, window_width, letter_.recipient.name, kAddressStyle);
    for (const auto& line : letter_.recipient.address_lines) {
      y += canvas_.Draw(window_x, y, window_width, line, kAddressStyle);
    }

    for (double fold : {geo::kFirstFoldMm, geo::kSecondFoldMm}) {
      canvas_.Rule(0, Pt(5), Pt(fold), 0.4, 0.45);
    }
    canvas_.Rule(0, Pt(8), Pt(geo::kPunchMarkMm), 0.4, 0.45);

    canvas_.Draw(Left(), Pt(geo::kPlaceDateTopMm), Width(), letter_.place_and_date, kBodyStyle);
    canvas_.Draw(Left(), plan.subject_top_pt, Width(), letter_.subject, kBodyBoldStyle);
  }

  void RunningHead() {
    const std::string head =
        Joined({letter_.sender.company_name, letter_.recipient.name, letter_.subject});
    double height = canvas_.Draw(Left(), Pt(geo::kRunningHeadTopMm), Width(), head, kFooterStyle,
                                 TextAlign::kLeft, TextFit::kOneLine);
    canvas_.Rule(Left(), Left() + Width(), Pt(geo::kRunningHeadTopMm) + height + 2, 0.4, 0.6);
  }

  void Footer(int page, int pages) {
    canvas_.Draw(Left(), Pt(geo::kPageNumberTopMm), Width(), words_.PageOf(page, pages),
                 kFooterStyle, TextAlign::kRight);
    canvas_.Rule(Left(), Left() + Width(), Pt(geo::kFooterRuleMm), 0.4, 0.6);
    const LetterSender& sender = letter_.sender;
    std::vector<std::string> parts{sender.company_name,
                                   sender.iban.empty() ? "" : "IBAN " + sender.iban,
                                   sender.bic.empty() ? "" : "BIC " + sender.bic};
    parts.insert(parts.end(), sender.contact_lines.begin(), sender.contact_lines.end());
    canvas_.Draw(Left(), Pt(geo::kFooterTopMm), Width(), Joined(parts), kFooterStyle,
                 TextAlign::kCenter, TextFit::kOneLine);
  }

  // Prints five cells across the table's columns; amounts (columns 3 and 4) right-aligned.
  void Cells(double top, const std::string (&cells)[5], TextStyle style) {
    const double pad = CellPadding();
    double x = Left();
    for (std::size_t column = 0; column < 5; ++column) {
      const double width = Pt(geo::kColumnWidthsMm[column]);
      canvas_.Draw(x + pad, top + pad, width - 2 * pad, cells[column], style,
                   column >= 3 ? TextAlign::kRight : TextAlign::kLeft, TextFit::kOneLine);
      x += width;
    }
  }

  void Block(const PlacedBlock& block) {
    switch (block.kind) {
      case LetterBlockKind::kParagraph:
        canvas_.Draw(Left(), block.top_pt, Width(), letter_.paragraphs[block.index], kBodyStyle);
        return;
      case LetterBlockKind::kClosing:
        canvas_.Draw(Left(), block.top_pt, Width(), letter_.closing[block.index], kBodyStyle);
        return;
      case LetterBlockKind::kTableHeading: {
        const std::string cells[5] = {words_.invoice, words_.issued, words_.due, words_.amount,
                                      words_.open};
        Cells(block.top_pt, cells, kTableBoldStyle);
        canvas_.Rule(Left(), Left() + Width(), block.top_pt + block.height_pt - 0.5, 0.8, 0);
        return;
      }
      case LetterBlockKind::kInvoiceRow: {
        const LetterInvoiceRow& row = letter_.invoices[block.index];
        if (block.index % 2 == 1)
          canvas_.Fill(Left(), block.top_pt, Width(), block.height_pt, 0.94);
        const std::string cells[5] = {row.number, row.issued, row.due, row.amount, row.open};
        Cells(block.top_pt, cells, kTableStyle);
        return;
      }
      case LetterBlockKind::kTotal: {
        canvas_.Rule(Left(), Left() + Width(), block.top_pt + 0.5, 0.8, 0);
        // The label spans the first four columns; the total sits under the open amounts.
        const double pad = CellPadding();
        const double open_width = Pt(geo::kColumnWidthsMm[4]);
        canvas_.Draw(Left() + pad, block.top_pt + 2 + pad, Width() - open_width - 2 * pad,
                     words_.total, kTableBoldStyle, TextAlign::kLeft, TextFit::kOneLine);
        canvas_.Draw(Left() + Width() - open_width + pad, block.top_pt + 2 + pad,
                     open_width - 2 * pad, letter_.total, kTableBoldStyle, TextAlign::kRight,
                     TextFit::kOneLine);
        return;
      }
      case LetterBlockKind::kPayment: {
        const double pad = CellPadding();
        canvas_.Fill(Left(), block.top_pt, Width(), block.height_pt, 0.95);
        const double label_width = Pt(48);
        double y = block.top_pt + pad;
        for (const auto& [label, value] : {std::pair{&words_.iban, &letter_.sender.iban},
                                           {&words_.reference, &letter_.payment_reference}}) {
          if (value->empty()) continue;
          canvas_.Draw(Left() + pad, y, label_width, *label, kBodyStyle);
          y += canvas_.Draw(Left() + pad + label_width, y, Width() - label_width - 2 * pad, *value,
                            kBodyBoldStyle, TextAlign::kLeft, TextFit::kOneLine);
        }
        return;
      }
    }
  }

  LetterCanvas& canvas_;
  const LetterDocument& letter_;
  const LetterWording& words_;
  const std::optional<LetterImage>& logo_;
};

cairo_status_t AppendBytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct SurfaceRelease {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
struct ContextRelease {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};

// Renders `letters` into one PDF; `single` names fields without the batch index.
Result<PrintBatch> RenderLetters(const std::vector<LetterDocument>& letters,
                                 const std::string& font_family, bool single) {
  if (letters.empty()) return InvalidArgument("a print batch needs at least one letter");
  PrintBatch batch;
  std::unique_ptr<cairo_surface_t, SurfaceRelease> surface(cairo_pdf_surface_create_for_stream(
      &AppendBytes, &batch.pdf, geo::kPageWidthPt, geo::kPageHeightPt));
  std::unique_ptr<cairo_t, ContextRelease> cr(cairo_create(surface.get()));
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "duly");
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE,
                                 single ? letters.front().subject.c_str() : "Print batch");
  LetterCanvas canvas(cr.get(), font_family);

  for (std::size_t i = 0; i < letters.size(); ++i) {
    const LetterDocument& letter = letters[i];
    const std::string at = single ? "" : "/" + std::to_string(i);
    auto located = [&at](Error error) {
      for (auto& field : error.fields) field.field = at + field.field;
      if (!at.empty()) error = error.WithContext("letter " + at.substr(1));
      return error;
    };
    if (Status status = CheckLetterText(letter); !status.ok()) {
      return located(std::move(status).error());
    }
    Result<LetterWording> words = WordingFor(letter.language);
    if (!words) return located(std::move(words).error());
    std::optional<LetterImage> logo;
    if (!letter.logo_png.empty()) {
      Result<LetterImage> image = LetterImage::FromPng(letter.logo_png);
      if (!image) {
        return located(FieldInvalid("/logo_png", image.error().message));
      }
      logo = std::move(*image);
    }
    Result<LetterPlan> plan = PlanLetter(letter, canvas);
    if (!plan) return located(std::move(plan).error());

    const int first_page = batch.pages + 1;
    if (!single) {
      const std::string target = "page=" + std::to_string(first_page);
      cairo_pdf_surface_add_outline(surface.get(), CAIRO_PDF_OUTLINE_ROOT,
                                    letter.recipient.name.c_str(), target.c_str(),
                                    static_cast<cairo_pdf_outline_flags_t>(0));
    }
    LetterPainter painter(canvas, letter, *words, logo);
    for (std::size_t page = 0; page < plan->pages.size(); ++page) {
      painter.Page(*plan, page);
      cairo_show_page(cr.get());
    }
    const int pages = static_cast<int>(plan->pages.size());
    batch.letters.push_back(
        LetterRegisterEntry{letter.customer, letter.recipient.name, first_page, pages});
    batch.pages += pages;
  }

  cairo_surface_finish(surface.get());
  if (cairo_status_t status = cairo_surface_status(surface.get()); status != CAIRO_STATUS_SUCCESS) {
    return InternalError(std::string("cairo could not write the PDF: ") +
                         cairo_status_to_string(status));
  }
  return batch;
}

}  // namespace

LetterRenderer::LetterRenderer(std::string font_family) : font_family_(std::move(font_family)) {}

Result<std::string> LetterRenderer::Render(const LetterDocument& letter) const {
  Result<PrintBatch> batch = RenderLetters({letter}, font_family_, /*single=*/true);
  if (!batch) return std::move(batch).error();
  return std::move(batch->pdf);
}

Result<PrintBatch> LetterRenderer::RenderBatch(const std::vector<LetterDocument>& letters) const {
  return RenderLetters(letters, font_family_, /*single=*/false);
}

}  // namespace duly::channels
