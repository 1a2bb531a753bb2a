// Parsing of an HTTP request target ("/v1/invoices/INV%2D7?limit=10") into a decoded path and
// query parameters.
//
// Promise: PercentDecode turns every %XX into its byte and rejects a '%' that is not followed by
// two hex digits; it never decodes '+' in paths. ParseRequestTarget accepts only origin-form
// targets (starting with '/'), decodes the path and each query name and value ('+' is a space in
// the query), and rejects any decoded text that is not valid UTF-8, so handlers only ever see
// well-formed text. Errors are kInvalidArgument with the field "target".
// Pure functions; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "workflows/status.h"

namespace duly::daemon {

struct RequestTarget {
  std::string path;                          // decoded, without the query
  std::map<std::string, std::string> query;  // decoded; the last of repeated names wins
};

// The decoded bytes, or nothing when an escape is malformed. `plus_is_space` applies to query
// strings (application/x-www-form-urlencoded), never to paths.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space = false);

Result<RequestTarget> ParseRequestTarget(std::string_view target);

// The raw (still encoded) path of `target`: everything before the first '?'.
std::string_view RawPath(std::string_view target);

}  // namespace duly::daemon
