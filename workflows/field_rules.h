// Field rules shared by the records' Validate() functions: ids, names and free text.
//
// Promise: each function returns nothing when the value is acceptable, or one sentence a user
// can act on ("must be at most 64 characters; it has 70"). Callers attach the JSON pointer.
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace duly {

inline constexpr std::size_t kMaxIdLength = 64;
inline constexpr std::size_t kMaxNameLength = 200;

// An id (customer, invoice, payment, colleague): 1..64 characters of valid UTF-8, no control
// characters, no leading or trailing space.
std::optional<std::string> IdProblem(std::string_view id);

// A required name: not blank, at most 200 characters, valid UTF-8, no control characters.
std::optional<std::string> NameProblem(std::string_view name);

// Optional free text (empty is fine): at most `max_length` characters, valid UTF-8, and no
// control characters unless `allow_line_breaks` admits '\n', '\r' and '\t'.
std::optional<std::string> TextProblem(std::string_view text, std::size_t max_length,
                                       bool allow_line_breaks = false);

}  // namespace duly
