// UTF-8 checks for text that reaches letters, messages and the database.
//
// Promise: IsValidUtf8 accepts exactly the well-formed UTF-8 of Unicode (RFC 3629): no overlong
// forms, no surrogates (U+D800..U+DFFF), nothing above U+10FFFF, no truncated sequences.
// CountCodePoints counts code points of valid text. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string_view>

namespace duly {

bool IsValidUtf8(std::string_view text);

// The number of code points in `text`. REQUIRES: IsValidUtf8(text).
std::size_t CountCodePoints(std::string_view text);

// True when valid UTF-8 `text` holds a C0 control (U+0000..U+001F), DEL or a C1 control
// (U+0080..U+009F). REQUIRES: IsValidUtf8(text).
bool HasControlCharacter(std::string_view text);

}  // namespace duly
