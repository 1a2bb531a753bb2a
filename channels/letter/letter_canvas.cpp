#include "channels/letter/letter_canvas.h"

#include <algorithm>
#include <cmath>

#include <pango/pangocairo.h>

namespace duly::channels {
namespace {

int ToPango(double points) { return static_cast<int>(std::lround(points * PANGO_SCALE)); }
double FromPango(int units) { return static_cast<double>(units) / PANGO_SCALE; }

}  // namespace

LetterCanvas::LetterCanvas(cairo_t* cr, std::string font_family)
    : cr_(cr), font_family_(std::move(font_family)), pango_(pango_cairo_create_context(cr)) {
  // One point of font size is one unit of the PDF's user space, and glyph metrics are not hinted
  // to a screen grid: what is measured is what prints.
  pango_cairo_context_set_resolution(pango_, 72.0);
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(pango_, options);
  cairo_font_options_destroy(options);
}

LetterCanvas::~LetterCanvas() { g_object_unref(pango_); }

LetterCanvas::LayoutPtr LetterCanvas::MakeLayout(std::string_view text, TextStyle style,
                                                 double width_pt, TextAlign align,
                                                 TextFit fit) const {
  LayoutPtr layout(pango_layout_new(pango_));
  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family(font, font_family_.c_str());
  pango_font_description_set_absolute_size(font, ToPango(style.size_pt));
  pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout.get(), font);
  pango_font_description_free(font);
  if (width_pt > 0) pango_layout_set_width(layout.get(), ToPango(width_pt));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  if (fit == TextFit::kOneLine) pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
  switch (align) {
    case TextAlign::kLeft:
      pango_layout_set_alignment(layout.get(), PANGO_ALIGN_LEFT);
      break;
    case TextAlign::kRight:
      pango_layout_set_alignment(layout.get(), PANGO_ALIGN_RIGHT);
      break;
    case TextAlign::kCenter:
      pango_layout_set_alignment(layout.get(), PANGO_ALIGN_CENTER);
      break;
  }
  pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
  return layout;
}

double LetterCanvas::Measure(std::string_view text, TextStyle style, double width_pt,
                             TextFit fit) const {
  LayoutPtr layout = MakeLayout(text, style, width_pt, TextAlign::kLeft, fit);
  int width = 0;
  int height = 0;
  pango_layout_get_size(layout.get(), &width, &height);
  return FromPango(height);
}

double LetterCanvas::Width(std::string_view text, TextStyle style) const {
  LayoutPtr layout = MakeLayout(text, style, -1, TextAlign::kLeft, TextFit::kWrap);
  int width = 0;
  int height = 0;
  pango_layout_get_size(layout.get(), &width, &height);
  return FromPango(width);
}

double LetterCanvas::LineHeight(TextStyle style) const {
  return Measure("Hg", style, -1, TextFit::kOneLine);
}

double LetterCanvas::Draw(double x_pt, double y_pt, double width_pt, std::string_view text,
                          TextStyle style, TextAlign align, TextFit fit) {
  LayoutPtr layout = MakeLayout(text, style, width_pt, align, fit);
  cairo_set_source_rgb(cr_, 0, 0, 0);
  cairo_move_to(cr_, x_pt, y_pt);
  pango_cairo_show_layout(cr_, layout.get());
  int width = 0;
  int height = 0;
  pango_layout_get_size(layout.get(), &width, &height);
  return FromPango(height);
}

void LetterCanvas::Rule(double x1_pt, double x2_pt, double y_pt, double thickness_pt, double grey) {
  cairo_set_source_rgb(cr_, grey, grey, grey);
  cairo_set_line_width(cr_, thickness_pt);
  cairo_move_to(cr_, x1_pt, y_pt);
  cairo_line_to(cr_, x2_pt, y_pt);
  cairo_stroke(cr_);
}

void LetterCanvas::Fill(double x_pt, double y_pt, double width_pt, double height_pt, double grey) {
  cairo_set_source_rgb(cr_, grey, grey, grey);
  cairo_rectangle(cr_, x_pt, y_pt, width_pt, height_pt);
  cairo_fill(cr_);
}

void LetterCanvas::Picture(const LetterImage& image, double x_pt, double y_pt, double max_width_pt,
                           double max_height_pt) {
  if (image.width_px() <= 0 || image.height_px() <= 0) return;
  double scale = std::min(max_width_pt / image.width_px(), max_height_pt / image.height_px());
  cairo_save(cr_);
  cairo_translate(cr_, x_pt, y_pt);
  cairo_scale(cr_, scale, scale);
  cairo_set_source_surface(cr_, image.surface(), 0, 0);
  cairo_pattern_set_filter(cairo_get_source(cr_), CAIRO_FILTER_GOOD);
  cairo_paint(cr_);
  cairo_restore(cr_);
}

}  // namespace duly::channels
