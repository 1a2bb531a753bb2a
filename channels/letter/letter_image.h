// duly::channels::LetterImage: a PNG decoded from memory (a letter's logo), ready for cairo.
//
// Promise: FromPng reads the bytes it is given and nothing else (no files). Copies share the one
// decoded image, which is released with the last copy. Drawing reads the surface only, but cairo
// surfaces are not thread-safe: use an image from one thread at a time.
#pragma once

#include <memory>
#include <string_view>

#include <cairo.h>

#include "workflows/status.h"

namespace duly::channels {

// A decoded PNG, ready to draw. Owns its cairo image surface.
class LetterImage {
 public:
  // Decodes PNG bytes. Error: kInvalidArgument (no field; the caller adds it) when the bytes are
  // not a PNG cairo can read.
  static Result<LetterImage> FromPng(std::string_view png);
  double width_px() const;
  double height_px() const;
  cairo_surface_t* surface() const { return surface_.get(); }

 private:
  struct SurfaceRelease {
    void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
  };
  std::shared_ptr<cairo_surface_t> surface_;
};

}  // namespace duly::channels
