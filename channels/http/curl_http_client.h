// duly::channels::http::CurlHttpClient: HttpClient on one libcurl multi handle and one thread.
//
// Promise: every request goes through one CURLM driven by a transfer thread that this object
// starts and joins (curl_multi_poll / curl_multi_wakeup), so any number of transfers are in
// flight at once (hundreds are routine) and connections are kept alive and reused per host, at
// most `max_host_connections` per host; transfers beyond that wait inside libcurl for a free
// connection (their `timeout` keeps running). Every transfer sets NOSIGNAL, its total and connect
// timeouts, basic auth when asked, and no "Expect: 100-continue". Failures are classified as
// http_failure.h says: CURLE_COULDNT_RESOLVE_*, CURLE_COULDNT_CONNECT, CURLE_URL_MALFORMAT,
// CURLE_UNSUPPORTED_PROTOCOL, TLS handshake/verification errors and a timeout before the
// connection was established certainly did not leave; every other failure may have.
// Destruction stops the thread: transfers still running end with an HttpFailure
// ("client shut down", may_have_left = true for those already started) before it returns.
// Thread-safety: Start may be called from any thread; `done` runs on the transfer thread.
#pragma once

#include <cstddef>
#include <memory>

#include "channels/http/http_client.h"

namespace duly::channels::http {

struct CurlHttpClientOptions {
  long max_host_connections = 64;   // NOLINT(google-runtime-int): CURLMOPT_MAX_HOST_CONNECTIONS
  long max_cached_connections = 0;  // NOLINT: CURLMOPT_MAXCONNECTS; 0 = 2 x max_host_connections
};

class CurlHttpClient final : public HttpClient {
 public:
  explicit CurlHttpClient(CurlHttpClientOptions options = {});
  ~CurlHttpClient() override;
  CurlHttpClient(const CurlHttpClient&) = delete;
  CurlHttpClient& operator=(const CurlHttpClient&) = delete;

  void Start(HttpRequest request, Done done) override;

  // Transfers queued or running now (for tests and metrics).
  std::size_t InFlight() const;

 private:
  class Loop;
  std::unique_ptr<Loop> loop_;
};

}  // namespace duly::channels::http
