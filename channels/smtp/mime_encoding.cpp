#include "channels/smtp/mime_encoding.h"

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "workflows/base64.h"

namespace duly::smtp {
namespace {

constexpr std::size_t kMaxLine = 76;
constexpr std::string_view kHex = "0123456789ABCDEF";

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string EscapeByte(unsigned char byte) { return {'=', kHex[byte >> 4], kHex[byte & 15U]}; }

// Length of the UTF-8 sequence a lead byte starts (1 for stray continuation bytes).
std::size_t Utf8Length(unsigned char lead) {
  if (lead >= 0xF0 && lead <= 0xF7) return 4;
  if (lead >= 0xE0) return lead <= 0xEF ? 3 : 1;
  if (lead >= 0xC0) return 2;
  return 1;
}

std::size_t EncodedWordLength(std::size_t bytes) {
  return std::string_view("=?UTF-8?B?").size() + 2 + (bytes + 2) / 3 * 4;  // prefix, "?="
}

// Splits text into B encoded-words, each line (the first after `first_column` characters)
// kept within kMaxLine.
std::string EncodeWords(std::string_view text, std::size_t first_column) {
  std::string out;
  std::size_t column = first_column;
  std::size_t start = 0;
  while (start < text.size()) {
    if (start > 0) {
      out += "\r\n ";
      column = 1;
    }
    std::size_t end = start;
    while (end < text.size()) {
      const std::size_t next =
          std::min(text.size(), end + Utf8Length(static_cast<unsigned char>(text[end])));
      if (end > start && column + EncodedWordLength(next - start) > kMaxLine) break;
      end = next;
    }
    const std::string word =
        "=?UTF-8?B?" + duly::EncodeBase64(text.substr(start, end - start)) + "?=";
    out += word;
    column += word.size();
    start = end;
  }
  return out;
}

// Folds printable ASCII at spaces; false when some word cannot fit on a line.
bool FoldAscii(std::string_view text, std::size_t first_column, std::string& out) {
  std::size_t column = first_column;
  std::size_t start = 0;
  bool first = true;
  while (start <= text.size()) {
    std::size_t space = text.find(' ', start);
    if (space == std::string_view::npos) space = text.size();
    const std::string_view word = text.substr(start, space - start);
    if (first) {
      if (column + word.size() > kMaxLine) return false;
      out += word;
      column += word.size();
      first = false;
    } else if (column + 1 + word.size() <= kMaxLine) {
      out += ' ';
      out += word;
      column += 1 + word.size();
    } else {
      if (1 + word.size() > kMaxLine) return false;
      out += "\r\n ";
      out += word;
      column = 1 + word.size();
    }
    start = space + 1;
  }
  return true;
}

std::string DecodeQ(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_') {
      out += ' ';
    } else if (text[i] == '=' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 &&
               HexValue(text[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// Decodes one "=?charset?X?text?=" at `pos`; returns its length or 0 when it is not one.
std::size_t DecodeWordAt(std::string_view value, std::size_t pos, std::string& out) {
  if (value.substr(pos, 2) != "=?") return 0;
  const std::size_t q1 = value.find('?', pos + 2);
  if (q1 == std::string_view::npos || q1 + 2 >= value.size() || value[q1 + 2] != '?') return 0;
  const std::size_t end = value.find("?=", q1 + 3);
  if (end == std::string_view::npos) return 0;
  const char encoding = value[q1 + 1];
  const std::string_view payload = value.substr(q1 + 3, end - q1 - 3);
  if (encoding == 'B' || encoding == 'b') {
    out += DecodeMimeBase64(payload);
  } else if (encoding == 'Q' || encoding == 'q') {
    out += DecodeQ(payload);
  } else {
    return 0;
  }
  return end + 2 - pos;
}

}  // namespace

bool IsPrintableAscii(std::string_view text) {
  for (const char c : text) {
    if ((c < 0x20 || c > 0x7E) && c != '\t') return false;
  }
  return true;
}

std::string EncodeBase64Lines(std::string_view bytes) {
  const std::string flat = duly::EncodeBase64(bytes);
  std::string out;
  out.reserve(flat.size() + flat.size() / kMaxLine * 2 + 2);
  for (std::size_t i = 0; i < flat.size(); i += kMaxLine) {
    out.append(flat, i, kMaxLine);
    out += "\r\n";
  }
  return out;
}

std::string DecodeMimeBase64(std::string_view text) {
  std::string flat;
  flat.reserve(text.size());
  for (const char c : text) {
    if (c != '\r' && c != '\n' && c != ' ' && c != '\t') flat += c;
  }
  auto bytes = duly::DecodeBase64(flat);
  return bytes ? std::move(*bytes) : std::string();
}

std::string EncodeQuotedPrintable(std::string_view text) {
  std::string out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t eol = text.find_first_of("\r\n", pos);
    const bool last = eol == std::string_view::npos;
    if (last) eol = text.size();
    const std::string_view line = text.substr(pos, eol - pos);
    std::vector<std::string> tokens;
    tokens.reserve(line.size());
    for (std::size_t i = 0; i < line.size(); ++i) {
      const auto byte = static_cast<unsigned char>(line[i]);
      const bool trailing_blank = (byte == ' ' || byte == '\t') && i + 1 == line.size();
      if (byte == '=' || byte > 0x7E || (byte < 0x20 && byte != '\t') || trailing_blank) {
        tokens.push_back(EscapeByte(byte));
      } else {
        tokens.emplace_back(1, static_cast<char>(byte));
      }
    }
    std::size_t column = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const bool final_token = i + 1 == tokens.size();
      const std::size_t limit = final_token ? kMaxLine : kMaxLine - 1;  // room for soft break
      if (column + tokens[i].size() > limit) {
        out += "=\r\n";
        column = 0;
      }
      out += tokens[i];
      column += tokens[i].size();
    }
    if (last) break;
    out += "\r\n";
    pos = eol + ((text[eol] == '\r' && eol + 1 < text.size() && text[eol + 1] == '\n') ? 2 : 1);
    if (pos == text.size()) break;
  }
  return out;
}

std::string DecodeQuotedPrintable(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '=') {
      out += text[i];
    } else if (text.substr(i + 1, 2) == "\r\n") {
      i += 2;
    } else if (i + 1 < text.size() && text[i + 1] == '\n') {
      i += 1;
    } else if (i + 2 < text.size() && HexValue(text[i + 1]) >= 0 && HexValue(text[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string EncodeHeaderText(std::string_view header_name, std::string_view text) {
  const std::size_t first_column = header_name.size() + 2;  // "Name: "
  if (IsPrintableAscii(text) && text.find("=?") == std::string_view::npos &&
      text.find('\t') == std::string_view::npos) {
    std::string folded;
    if (FoldAscii(text, first_column, folded)) return folded;
  }
  return EncodeWords(text, first_column);
}

std::string EncodeHeaderWords(std::string_view header_name, std::string_view text) {
  return EncodeWords(text, header_name.size() + 2);
}

std::string DecodeHeaderText(std::string_view value) {
  std::string unfolded;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\r' && i + 1 < value.size() && value[i + 1] == '\n') {
      ++i;
    } else if (value[i] != '\n') {
      unfolded += value[i];
    }
  }
  std::string out;
  std::string gap;  // whitespace after an encoded word, dropped if another one follows
  bool after_word = false;
  for (std::size_t i = 0; i < unfolded.size();) {
    std::string decoded;
    if (const std::size_t length = DecodeWordAt(unfolded, i, decoded); length > 0) {
      if (!after_word) out += gap;
      gap.clear();
      out += decoded;
      after_word = true;
      i += length;
    } else if (unfolded[i] == ' ' || unfolded[i] == '\t') {
      gap += unfolded[i++];
    } else {
      out += gap;
      gap.clear();
      out += unfolded[i++];
      after_word = false;
    }
  }
  return out + gap;
}

std::string EncodeParameter(std::string_view name, std::string_view value) {
  std::string out(name);
  if (IsPrintableAscii(value)) {
    out += "=\"";
    for (const char c : value) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    return out + '"';
  }
  out += "*=UTF-8''";
  constexpr std::string_view kAttributeChars = "!#$&+-.^_`|~";
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
        kAttributeChars.find(c) != std::string_view::npos) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15U];
    }
  }
  return out;
}

}  // namespace duly::smtp
