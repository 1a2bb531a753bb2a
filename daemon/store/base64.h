// duly::daemon base64: how the store keeps document bytes in a portable TEXT column.
//
// Promise: Base64Decode(Base64Encode(bytes)) == bytes for any bytes (standard alphabet, padded,
// no line breaks). Base64Decode REQUIRES text produced by Base64Encode (the store's own column);
// anything else aborts. Pure functions; thread-safe.
#pragma once

#include <string>

namespace duly::daemon {

std::string Base64Encode(const std::string& bytes);
std::string Base64Decode(const std::string& text);

}  // namespace duly::daemon
