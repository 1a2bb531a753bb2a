// duly::channels::http::HttpRequest: one HTTP request as the transport sends it.
//
// Promise: plain data describing a request; HttpClient sends exactly what is here. `timeout`
// bounds the whole transfer (waiting for a free connection, connecting, sending and reading the
// answer); `connect_timeout` bounds connecting alone and never exceeds `timeout`. A body is
// sent for any method when non-empty, with `content_type` as its Content-Type.
// Thread-safety: plain data; copyable, not synchronised.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace duly::channels::http {

struct HttpRequest {
  std::string method = "GET";                                // "GET", "POST", "PUT", "DELETE", ...
  std::string url;                                           // absolute http(s) URL, query included
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers, in order
  std::string content_type;  // "application/x-www-form-urlencoded", "application/json", ""
  std::string body;
  // HTTP basic authentication (user, password); none when unset.
  std::optional<std::pair<std::string, std::string>> basic_auth;
  std::chrono::milliseconds timeout{15000};
  std::chrono::milliseconds connect_timeout{5000};
};

// A form-encoded POST (the body already encoded).
HttpRequest FormPost(std::string url, std::string form_body);
// A JSON POST.
HttpRequest JsonPost(std::string url, std::string json_body);

}  // namespace duly::channels::http
