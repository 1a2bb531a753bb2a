// duly::channels::http::HttpResponse: the answer a server gave, whatever its status.
//
// Promise: `status` is the final HTTP status (after any 100 Continue), `headers` the final
// answer's header fields in arrival order with their names as received, `body` its raw bytes.
// Header() finds a field case-insensitively. Thread-safety: plain data, not synchronised.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace duly::channels::http {

struct HttpResponse {
  long status = 0;  // NOLINT(google-runtime-int): libcurl's type
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // The first field named `name` (case-insensitive), value trimmed; std::nullopt when absent.
  std::optional<std::string> Header(std::string_view name) const;
  bool ok() const { return status >= 200 && status < 300; }
};

}  // namespace duly::channels::http
