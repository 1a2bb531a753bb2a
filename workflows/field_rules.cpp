#include "workflows/field_rules.h"

#include <algorithm>

#include "workflows/utf8.h"

namespace duly {
namespace {

std::string TooLong(std::size_t max_length, std::size_t length) {
  return "must be at most " + std::to_string(max_length) + " characters; it has " +
         std::to_string(length);
}

bool HasControlOtherThanLineBreaks(std::string_view text) {
  std::string cleaned(text);
  std::replace_if(
      cleaned.begin(), cleaned.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; },
      ' ');
  return HasControlCharacter(cleaned);
}

}  // namespace

std::optional<std::string> IdProblem(std::string_view id) {
  if (id.empty()) return "is required";
  if (!IsValidUtf8(id)) return "is not valid UTF-8 text";
  const std::size_t length = CountCodePoints(id);
  if (length > kMaxIdLength) return TooLong(kMaxIdLength, length);
  if (HasControlCharacter(id)) return "must not contain control characters or line breaks";
  if (id.front() == ' ' || id.back() == ' ') return "must not start or end with a space";
  return std::nullopt;
}

std::optional<std::string> NameProblem(std::string_view name) {
  if (name.find_first_not_of(" \t") == std::string_view::npos) return "is required";
  return TextProblem(name, kMaxNameLength);
}

std::optional<std::string> TextProblem(std::string_view text, std::size_t max_length,
                                       bool allow_line_breaks) {
  if (!IsValidUtf8(text)) return "is not valid UTF-8 text";
  const std::size_t length = CountCodePoints(text);
  if (length > max_length) return TooLong(max_length, length);
  const bool bad =
      allow_line_breaks ? HasControlOtherThanLineBreaks(text) : HasControlCharacter(text);
  if (bad) {
    return allow_line_breaks ? "must not contain control characters"
                             : "must not contain control characters or line breaks";
  }
  return std::nullopt;
}

}  // namespace duly
