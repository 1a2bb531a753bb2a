// duly_twilio_standin: a loopback stand-in for Twilio's Messages API, for measuring the
// dispatcher's own speed (bench/dispatch_bench.sh). Not for tests: tests use prism serving
// Twilio's OpenAPI document, which validates every request but answers a few hundred per second.
//
//   duly_twilio_standin [--port 0] [--delay-ms 0] [--threads 1]
//
// Answers POST /2010-04-01/Accounts/{sid}/Messages.json (and Calls.json) with 201 and a Message
// resource shaped like Twilio's (a fresh "SM" + 32 hex sid, status "queued") after `delay-ms`,
// on kept-alive HTTP/1.1 connections; anything else is 404. Prints "listening on <port>" once
// ready and, on SIGTERM or SIGINT, "requests <n>" before exiting.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "daemon/http/net.h"

namespace {

using duly::daemon::beast::error_code;
namespace net = duly::daemon::net;
namespace beast = duly::daemon::beast;
namespace http = duly::daemon::http;
using duly::daemon::tcp;

std::atomic<std::uint64_t> requests{0};

std::string NextSid(std::uint64_t n) {
  char sid[35];
  std::snprintf(sid, sizeof sid, "SM%032llx", static_cast<unsigned long long>(n));
  return sid;
}

net::awaitable<void> Serve(tcp::socket socket, std::chrono::milliseconds delay) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  net::steady_timer timer(stream.get_executor());
  for (;;) {
    http::request<http::string_body> request;
    error_code ec;
    co_await http::async_read(stream, buffer, request, net::redirect_error(net::use_awaitable, ec));
    if (ec) co_return;
    if (delay.count() > 0) {
      timer.expires_after(delay);
      co_await timer.async_wait(net::redirect_error(net::use_awaitable, ec));
    }
    http::response<http::string_body> response;
    response.version(request.version());
    response.keep_alive(request.keep_alive());
    const std::string target(request.target());
    const bool create = request.method() == http::verb::post &&
                        (target.ends_with("/Messages.json") || target.ends_with("/Calls.json"));
    if (create) {
      const std::uint64_t n = ++requests;
      response.result(http::status::created);
      response.set(http::field::content_type, "application/json");
      response.body() = "{\"sid\":\"" + NextSid(n) +
                        "\",\"status\":\"queued\",\"error_code\":null,\"error_message\":null,"
                        "\"date_created\":\"Tue, 24 Nov 2026 10:00:00 +0000\"}";
    } else {
      response.result(http::status::not_found);
      response.set(http::field::content_type, "application/json");
      response.body() = "{\"code\":20404,\"message\":\"not found\",\"status\":404}";
    }
    response.prepare_payload();
    co_await http::async_write(stream, response, net::redirect_error(net::use_awaitable, ec));
    if (ec || !request.keep_alive()) co_return;
  }
}

net::awaitable<void> Accept(tcp::acceptor& acceptor, std::chrono::milliseconds delay) {
  for (;;) {
    error_code ec;
    tcp::socket socket =
        co_await acceptor.async_accept(net::redirect_error(net::use_awaitable, ec));
    if (ec) co_return;
    socket.set_option(tcp::no_delay(true), ec);
    net::co_spawn(acceptor.get_executor(), Serve(std::move(socket), delay), net::detached);
  }
}

}  // namespace

int main(int argc, char** argv) {
  unsigned short port = 0;
  int delay_ms = 0;
  int threads = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const int value = std::atoi(argv[i + 1]);
    if (flag == "--port")
      port = static_cast<unsigned short>(value);
    else if (flag == "--delay-ms")
      delay_ms = value;
    else if (flag == "--threads")
      threads = value < 1 ? 1 : value;
    else {
      std::fprintf(stderr, "usage: duly_twilio_standin [--port P] [--delay-ms D] [--threads T]\n");
      return 2;
    }
  }
  net::io_context io(threads);
  tcp::acceptor acceptor(io, {net::ip::make_address("127.0.0.1"), port});
  net::co_spawn(io, Accept(acceptor, std::chrono::milliseconds(delay_ms)), net::detached);
  net::signal_set signals(io, SIGTERM, SIGINT);
  signals.async_wait([&](const error_code&, int) {
    std::printf("requests %llu\n", static_cast<unsigned long long>(requests.load()));
    std::fflush(stdout);
    io.stop();
  });
  std::printf("listening on %u\n", acceptor.local_endpoint().port());
  std::fflush(stdout);
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&io] { io.run(); });
  io.run();
  for (std::thread& thread : pool) thread.join();
  return 0;
}
