// duly::channels::http::HttpClient: the asynchronous HTTP transport the HTTP channels sit on.
//
// Promise: Start queues a request and returns at once; `done` then runs exactly once with either
// the server's answer (any status, 4xx and 5xx included) or an HttpFailure saying whether the
// request may have left. Perform is the blocking form: it waits for that outcome.
// Ownership: callers keep their client alive while transfers run (channels share one through a
// std::shared_ptr). Thread-safety: Start and Perform may be called from any number of threads at
// once. `done` runs on the client's transfer thread and must not block nor call Perform.
#pragma once

#include <functional>
#include <variant>

#include "channels/http/http_failure.h"
#include "channels/http/http_request.h"
#include "channels/http/http_response.h"

namespace duly::channels::http {

using HttpOutcome = std::variant<HttpResponse, HttpFailure>;

class HttpClient {
 public:
  using Done = std::function<void(HttpOutcome)>;

  virtual ~HttpClient() = default;
  virtual void Start(HttpRequest request, Done done) = 0;

  // Sends `request` and waits for its outcome.
  // REQUIRES: not called from a `done` callback of this client (it would wait for itself).
  HttpOutcome Perform(HttpRequest request);
};

}  // namespace duly::channels::http
