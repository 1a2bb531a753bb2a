// duly::testing::HttpClient: a blocking HTTP/1.1 client for tests, over libcurl.
//
// Promise: one request at a time on a reused connection (keep-alive), a 10 s timeout per request,
// and the bearer token sent when set. Transport failures come back as status 0 with the curl
// message in `body`. Not thread-safe; one client per thread.
#pragma once

#include <map>
#include <string>

namespace duly::testing {

struct HttpResult {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
};

class HttpClient {
 public:
  explicit HttpClient(std::string base_url);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  void set_token(std::string token) { token_ = std::move(token); }
  void set_base_url(std::string base_url) { base_url_ = std::move(base_url); }

  HttpResult Get(const std::string& path);
  HttpResult Post(const std::string& path, const std::string& body,
                  const std::string& content_type = "application/json");
  HttpResult Send(const std::string& method, const std::string& path, const std::string& body,
                  const std::string& content_type);

 private:
  std::string base_url_;
  std::string token_;
  void* curl_;  // CURL*, kept opaque so tests need not include curl.h
};

}  // namespace duly::testing
