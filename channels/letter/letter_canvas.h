// duly::channels::LetterCanvas: text, rules and images on one cairo context, measured in points,
// with pango doing the shaping so every UTF-8 text (é, ë, ç, €) prints as written.
//
// Promise: Measure and Width say how much room a text takes exactly as Draw would print it, so
// the pagination and the drawing agree. Text is set as plain text (never markup), wrapped at word
// boundaries to the given width, or cut with an ellipsis when `TextFit::kOneLine`. Ownership: the
// canvas borrows the cairo context (which must outlive it) and owns its pango context. Not
// thread-safe: one canvas per render, on one thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <cairo.h>
#include <pango/pango.h>

#include "channels/letter/letter_image.h"

namespace duly::channels {

struct TextStyle {
  double size_pt = 10.0;
  bool bold = false;
};

enum class TextAlign { kLeft, kRight, kCenter };
enum class TextFit { kWrap, kOneLine };

class LetterCanvas {
 public:
  // REQUIRES: cr is a valid context that outlives the canvas.
  LetterCanvas(cairo_t* cr, std::string font_family);
  ~LetterCanvas();
  LetterCanvas(const LetterCanvas&) = delete;
  LetterCanvas& operator=(const LetterCanvas&) = delete;

  // Height in points of `text` set in `style` within `width_pt`.
  double Measure(std::string_view text, TextStyle style, double width_pt,
                 TextFit fit = TextFit::kWrap) const;
  // Natural width in points of `text` on one line.
  double Width(std::string_view text, TextStyle style) const;
  // Height in points of one line in `style`.
  double LineHeight(TextStyle style) const;

  // Prints `text` in the box whose top-left corner is (x_pt, y_pt); returns its height.
  double Draw(double x_pt, double y_pt, double width_pt, std::string_view text, TextStyle style,
              TextAlign align = TextAlign::kLeft, TextFit fit = TextFit::kWrap);

  // A horizontal line from x1 to x2 at y, `thickness_pt` thick, in grey (0 black, 1 white).
  void Rule(double x1_pt, double x2_pt, double y_pt, double thickness_pt, double grey);
  // A filled rectangle in grey.
  void Fill(double x_pt, double y_pt, double width_pt, double height_pt, double grey);
  // Draws `image` scaled to fit within the box, keeping its proportions, at the box's top-left.
  void Picture(const LetterImage& image, double x_pt, double y_pt, double max_width_pt,
               double max_height_pt);

 private:
  struct LayoutRelease {
    void operator()(PangoLayout* layout) const { g_object_unref(layout); }
  };
  using LayoutPtr = std::unique_ptr<PangoLayout, LayoutRelease>;
  LayoutPtr MakeLayout(std::string_view text, TextStyle style, double width_pt, TextAlign align,
                       TextFit fit) const;

  cairo_t* cr_;
  std::string font_family_;
  PangoContext* pango_;  // owned; unref'd in the destructor
};

}  // namespace duly::channels
