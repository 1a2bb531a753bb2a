#include "daemon/http/request_target.h"

#include <string>
#include <string_view>

#include "workflows/utf8.h"

namespace duly::daemon {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Error TargetError(std::string message) { return FieldInvalid("target", std::move(message)); }

}  // namespace

std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int high = HexValue(text[i + 1]);
      const int low = HexValue(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string_view RawPath(std::string_view target) {
  const std::size_t question = target.find('?');
  return question == std::string_view::npos ? target : target.substr(0, question);
}

Result<RequestTarget> ParseRequestTarget(std::string_view target) {
  if (target.empty() || target.front() != '/') {
    return TargetError("the request target must be a path starting with '/'");
  }
  RequestTarget parsed;
  std::optional<std::string> path = PercentDecode(RawPath(target));
  if (!path) return TargetError("the path has a malformed percent escape");
  if (!IsValidUtf8(*path)) return TargetError("the path is not valid UTF-8");
  parsed.path = std::move(*path);

  const std::size_t question = target.find('?');
  if (question == std::string_view::npos) return parsed;
  std::string_view query = target.substr(question + 1);
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t equals = pair.find('=');
    std::optional<std::string> name = PercentDecode(pair.substr(0, equals), true);
    std::optional<std::string> value = PercentDecode(
        equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1), true);
    if (!name || !value) return TargetError("the query has a malformed percent escape");
    if (!IsValidUtf8(*name) || !IsValidUtf8(*value)) {
      return TargetError("the query is not valid UTF-8");
    }
    parsed.query[std::move(*name)] = std::move(*value);
  }
  return parsed;
}

}  // namespace duly::daemon
