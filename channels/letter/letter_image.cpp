#include "channels/letter/letter_image.h"

#include <cstddef>
#include <cstring>
#include <string>

namespace duly::channels {
namespace {

struct PngReader {
  std::string_view bytes;
  std::size_t offset = 0;
};

cairo_status_t ReadPng(void* closure, unsigned char* data, unsigned int length) {
  auto* reader = static_cast<PngReader*>(closure);
  if (reader->bytes.size() - reader->offset < length) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(data, reader->bytes.data() + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

Result<LetterImage> LetterImage::FromPng(std::string_view png) {
  PngReader reader{png, 0};
  cairo_surface_t* surface = cairo_image_surface_create_from_png_stream(&ReadPng, &reader);
  cairo_status_t status = cairo_surface_status(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    return InvalidArgument(std::string("not a PNG image: ") + cairo_status_to_string(status));
  }
  LetterImage image;
  image.surface_ = std::shared_ptr<cairo_surface_t>(surface, SurfaceRelease{});
  return image;
}

double LetterImage::width_px() const { return cairo_image_surface_get_width(surface_.get()); }
double LetterImage::height_px() const { return cairo_image_surface_get_height(surface_.get()); }

}  // namespace duly::channels
