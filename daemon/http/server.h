// duly::daemon::Server: the HTTP/1.1 server in front of the Router (Beast underneath, hidden).
//
// Promise: after Start(), every connection is a C++20 coroutine on the single I/O thread (its
// implicit strand; see server.cpp for why not more threads yet) with keep-alive,
// a header limit (over it: 431), a body limit (over it: 413 with a JSON error naming the limit),
// a read timeout (an idle or stalled connection is closed) and a write timeout. The target is
// percent-decoded into HttpRequest::path and ::query; a malformed escape or invalid UTF-8 answers
// 400. Every request is handled on the blocking thread pool (RunBlocking), never on an I/O
// thread, and counted in Metrics under its route pattern. Stop() closes the listener, closes idle
// keep-alive connections, lets in-flight requests finish and answer (with Connection: close) for
// up to drain_timeout, then stops the event loop and joins every thread.
// Thread-safety: Start, Stop and port are called from one controlling thread (not from a
// handler). Ownership: the Router and Metrics must outlive the Server.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "daemon/http/metrics.h"
#include "daemon/http/router.h"
#include "workflows/status.h"

namespace duly::daemon {

struct ServerOptions {
  std::string host = "127.0.0.1";  // an IP address or a name resolved once at Start()
  std::uint16_t port = 8080;       // 0: any free port (read it back with port())
  int io_threads = 1;              // accepted, but this build always serves with 1 I/O thread
  int blocking_threads = 4;
  std::size_t body_limit_bytes = 8 * 1024 * 1024;
  std::uint32_t header_limit_bytes = 16 * 1024;
  std::chrono::milliseconds read_timeout{30'000};
  std::chrono::milliseconds write_timeout{30'000};
  std::chrono::milliseconds drain_timeout{10'000};
};

class Server {
 public:
  Server(ServerOptions options, const Router& router, Metrics& metrics);
  ~Server();  // Stop()s a running server
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, listens and starts the I/O threads. Errors: kUnavailable when the address cannot be
  // resolved or bound (the message names host:port and the cause). REQUIRES: called once.
  Status Start();

  // The bound port (the real one when ServerOptions::port was 0). REQUIRES: Start() succeeded.
  std::uint16_t port() const;

  // Graceful shutdown as described above; returns when every server thread has been joined.
  // Idempotent.
  void Stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace duly::daemon
