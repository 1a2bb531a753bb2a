// duly::channels::http::HttpFailure: a request that got no HTTP answer.
//
// Promise: `may_have_left` is false only when no byte of the request can have reached the
// server (the name did not resolve, the connection was refused or never completed, the URL was
// malformed, the client was shut down before the transfer started); it is true when the request
// may have been received (a timeout or a dropped connection after connecting), so a provider
// may have acted on it. `reason` is libcurl's text with the URL's host; `curl_code` its CURLcode.
// Thread-safety: plain data, not synchronised.
#pragma once

#include <string>

namespace duly::channels::http {

struct HttpFailure {
  bool may_have_left = false;
  std::string reason;
  int curl_code = 0;
  bool timed_out = false;  // CURLE_OPERATION_TIMEDOUT
};

}  // namespace duly::channels::http
