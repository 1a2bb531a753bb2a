// Plain HTTP request and response values exchanged between the Beast server and the handlers.
//
// Promise: no Beast or Asio types cross this boundary, so handlers (daemon/api) compile without
// Beast and can be tested as pure functions from request to response. Header names are stored in
// lower case. Plain data; thread-compatible.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace duly::daemon {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as received: "/v1/invoices?limit=10"
  std::string path;    // percent-decoded path without the query: "/v1/invoices"
  std::map<std::string, std::string> query;    // decoded query parameters (last one wins)
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;

  // Returns the header's value or "" when absent. `name` must be lower case.
  const std::string& Header(const std::string& name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
};

// A 200 (or `status`) response with a JSON body already serialised.
HttpResponse JsonResponse(std::string body, int status = 200);

}  // namespace duly::daemon
