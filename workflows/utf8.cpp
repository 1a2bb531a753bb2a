#include "workflows/utf8.h"

#include <cstdint>

namespace duly {
namespace {

std::uint8_t Byte(std::string_view text, std::size_t i) {
  return static_cast<std::uint8_t>(text[i]);
}

bool IsContinuation(std::uint8_t byte) { return (byte & 0xC0U) == 0x80U; }

}  // namespace

bool IsValidUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const std::uint8_t lead = Byte(text, i);
    if (lead < 0x80U) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    // The allowed range of the second byte depends on the lead byte (RFC 3629 table): this is
    // what rules out overlong forms, surrogates and code points above U+10FFFF.
    std::uint8_t low = 0x80U;
    std::uint8_t high = 0xBFU;
    if (lead >= 0xC2U && lead <= 0xDFU) {
      length = 2;
    } else if (lead == 0xE0U) {
      length = 3;
      low = 0xA0U;
    } else if (lead == 0xEDU) {
      length = 3;
      high = 0x9FU;
    } else if (lead >= 0xE1U && lead <= 0xEFU) {
      length = 3;
    } else if (lead == 0xF0U) {
      length = 4;
      low = 0x90U;
    } else if (lead >= 0xF1U && lead <= 0xF3U) {
      length = 4;
    } else if (lead == 0xF4U) {
      length = 4;
      high = 0x8FU;
    } else {
      return false;  // 0x80..0xC1 (stray continuation or overlong lead) and 0xF5..0xFF
    }
    if (text.size() - i < length) return false;
    const std::uint8_t second = Byte(text, i + 1);
    if (second < low || second > high) return false;
    for (std::size_t k = 2; k < length; ++k) {
      if (!IsContinuation(Byte(text, i + k))) return false;
    }
    i += length;
  }
  return true;
}

std::size_t CountCodePoints(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!IsContinuation(Byte(text, i))) ++count;
  }
  return count;
}

bool HasControlCharacter(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::uint8_t byte = Byte(text, i);
    if (byte < 0x20U || byte == 0x7FU) return true;
    // C1 controls U+0080..U+009F are encoded as 0xC2 0x80..0x9F.
    if (byte == 0xC2U && i + 1 < text.size() && Byte(text, i + 1) <= 0x9FU) return true;
  }
  return false;
}

}  // namespace duly
