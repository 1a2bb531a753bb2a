#include "workflows/base64.h"

#include <cstdint>

namespace duly {
namespace {

constexpr std::string_view kBase64Alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

}  // namespace

Result<std::string> DecodeBase64(std::string_view text) {
  if (text.size() % 4 != 0) {
    return InvalidArgument(
        "must be base64 whose length is a multiple of 4 (with '=' padding); it has " +
        std::to_string(text.size()) + " characters");
  }
  std::size_t padding = 0;
  while (padding < text.size() && text[text.size() - 1 - padding] == '=') ++padding;
  if (padding > 2) return InvalidArgument("must be base64: at most two '=' may pad the end");
  const std::string_view data = text.substr(0, text.size() - padding);
  std::string bytes;
  bytes.reserve(data.size() / 4 * 3 + 2);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (std::size_t i = 0; i < data.size(); ++i) {
    const std::size_t value = kBase64Alphabet.find(data[i]);
    if (value == std::string_view::npos) {
      return InvalidArgument("must be base64: character " + std::to_string(i + 1) +
                             " is not in the base64 alphabet");
    }
    buffer = ((buffer << 6) | static_cast<std::uint32_t>(value)) & 0xFFFFFFU;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push_back(static_cast<char>((buffer >> bits) & 0xFFU));
    }
  }
  if ((buffer & ((1U << bits) - 1U)) != 0) {
    return InvalidArgument("must be base64: the last character has bits set beyond the data");
  }
  return bytes;
}

std::string EncodeBase64(std::string_view bytes) {
  std::string text;
  text.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    std::uint32_t chunk = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (i + 1 < bytes.size()) {
      chunk |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    }
    if (i + 2 < bytes.size()) chunk |= static_cast<unsigned char>(bytes[i + 2]);
    text += kBase64Alphabet[(chunk >> 18) & 0x3FU];
    text += kBase64Alphabet[(chunk >> 12) & 0x3FU];
    text += i + 1 < bytes.size() ? kBase64Alphabet[(chunk >> 6) & 0x3FU] : '=';
    text += i + 2 < bytes.size() ? kBase64Alphabet[chunk & 0x3FU] : '=';
  }
  return text;
}

}  // namespace duly
