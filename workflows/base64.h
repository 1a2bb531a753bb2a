// duly base64: RFC 4648 base64 (standard alphabet, '=' padding, no line breaks), the one
// implementation every room uses (API document bodies, the store's document column, MIME parts).
//
// Promise: DecodeBase64(EncodeBase64(bytes)) == bytes for any bytes. DecodeBase64 is strict:
// wrong length, bad characters, misplaced or excess padding, and bits set beyond the data are
// kInvalidArgument without a field, saying where the text goes wrong. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "workflows/status.h"

namespace duly {

Result<std::string> DecodeBase64(std::string_view text);
std::string EncodeBase64(std::string_view bytes);

}  // namespace duly
