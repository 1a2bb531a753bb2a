#include "daemon/http/server.h"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <spdlog/spdlog.h>

#include "daemon/http/error_response.h"
#include "daemon/http/net.h"
#include "daemon/http/request_target.h"
#include "daemon/http/run_blocking.h"

namespace duly::daemon {
namespace {

using BeastRequest = http::request<http::string_body>;
using BeastResponse = http::response<http::string_body>;

// How long a rejected connection is drained (lingering close) so that the client reads the
// error response instead of a reset, and how much it may still send meanwhile.
constexpr std::chrono::seconds kLingerTimeout{5};
constexpr std::size_t kLingerMaxBytes = 64 * 1024 * 1024;

// One accepted connection. The registry in Server::Impl shares it so that Stop() can close it
// on the I/O thread while it waits for a new request.
struct Connection {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  bool idle = false;  // waiting for the first bytes of a request; touched only on the I/O thread
};

bool IsParseError(const beast::error_code& ec) {
  return ec.category() == http::make_error_code(http::error::bad_target).category() &&
         ec != http::error::end_of_stream && ec != http::error::partial_message;
}

HttpRequest ToHttpRequest(const BeastRequest& beast_request, RequestTarget target) {
  HttpRequest request;
  request.method = std::string(beast_request.method_string());
  request.target = std::string(beast_request.target());
  request.path = std::move(target.path);
  request.query = std::move(target.query);
  for (const auto& field : beast_request) {
    std::string name(field.name_string());
    std::transform(name.begin(), name.end(), name.begin(), [](char c) {
      return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    auto [it, inserted] = request.headers.emplace(name, std::string(field.value()));
    if (!inserted) it->second += ", " + std::string(field.value());
  }
  request.body = beast_request.body();
  return request;
}

BeastResponse ToBeastResponse(const HttpResponse& response, unsigned version, bool keep_alive) {
  BeastResponse beast_response{static_cast<http::status>(response.status), version};
  beast_response.set(http::field::server, "duly");
  if (!response.content_type.empty()) {
    beast_response.set(http::field::content_type, response.content_type);
  }
  for (const auto& [name, value] : response.headers) beast_response.set(name, value);
  beast_response.keep_alive(keep_alive);
  beast_response.body() = response.body;
  beast_response.prepare_payload();
  return beast_response;
}

// Each co_spawn boundary logs what escaped the coroutine (STYLE.md: exceptions stop there).
void LogFailure(const char* what, std::exception_ptr error) {
  if (!error) return;
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    spdlog::error("http: {} failed: {}", what, e.what());
  } catch (...) {
    spdlog::error("http: {} failed with a non-standard exception", what);
  }
}

Error TooLarge(std::string message) { return Error{ErrorCode::kTooLarge, std::move(message), {}}; }

}  // namespace

class Server::Impl {
 public:
  Impl(ServerOptions options, const Router& router, Metrics& metrics)
      : options_(std::move(options)),
        router_(router),
        metrics_(metrics),
        pool_(static_cast<std::size_t>(std::max(1, options_.blocking_threads))),
        acceptor_(ioc_) {}

  ~Impl() {
    Stop();
    pool_.join();
  }

  Status Start();
  void Stop();
  std::uint16_t port() const { return port_; }

 private:
  net::awaitable<void> Accept();
  net::awaitable<void> Serve(std::shared_ptr<Connection> connection);
  // Writes an error answer with Connection: close, then drains what the client still sends.
  net::awaitable<void> Reject(Connection& connection, const HttpResponse& response,
                              const std::string& method, const std::string& route);
  void Forget(const std::shared_ptr<Connection>& connection);

  const ServerOptions options_;
  const Router& router_;
  Metrics& metrics_;

  std::mutex mutex_;  // guards connections_, accepting_, started_, stopped_
  std::condition_variable drained_;
  std::vector<std::shared_ptr<Connection>> connections_;
  bool accepting_ = false;
  bool started_ = false;
  bool stopped_ = false;
  std::atomic<bool> stopping_{false};

  net::thread_pool pool_;  // blocking work: every request's handling
  net::io_context ioc_;
  tcp::acceptor acceptor_;
  std::uint16_t port_ = 0;
  std::vector<std::thread> io_threads_;
};

Status Server::Impl::Start() {
  const std::string where = options_.host + ":" + std::to_string(options_.port);
  beast::error_code ec;
  tcp::resolver resolver(ioc_);
  const auto endpoints =
      resolver.resolve(options_.host, std::to_string(options_.port),
                       tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || endpoints.empty()) {
    return Unavailable("cannot resolve listen address " + where + ": " + ec.message());
  }
  const tcp::endpoint endpoint = endpoints.begin()->endpoint();
  if (acceptor_.open(endpoint.protocol(), ec) ||
      acceptor_.set_option(net::socket_base::reuse_address(true), ec) ||
      acceptor_.bind(endpoint, ec) ||
      acceptor_.listen(net::socket_base::max_listen_connections, ec)) {
    return Unavailable("cannot listen on " + where + ": " + ec.message());
  }
  port_ = acceptor_.local_endpoint().port();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    started_ = true;
    accepting_ = true;
  }
  net::co_spawn(ioc_, Accept(), [this](std::exception_ptr error) {
    LogFailure("the accept loop", error);
    std::lock_guard<std::mutex> lock(mutex_);
    accepting_ = false;
    drained_.notify_all();
  });
  // One I/O thread: with Boost 1.74, an any_io_executor holding a strand (shared storage) was
  // released twice under load (AddressSanitizer: heap-use-after-free in
  // any_executor_base::destroy_shared), so connections run on the io_context's implicit strand.
  // All blocking work is on the pool, so one thread only ever does socket I/O.
  if (options_.io_threads > 1) {
    spdlog::warn("http: io_threads {} requested; this build serves with 1 I/O thread",
                 options_.io_threads);
  }
  io_threads_.emplace_back([this] {
    try {
      ioc_.run();
    } catch (const std::exception& e) {
      spdlog::critical("http: the I/O thread failed: {}", e.what());
    }
  });
  spdlog::info("http: listening on {}:{}", options_.host, port_);
  return Status::Ok();
}

net::awaitable<void> Server::Impl::Accept() {
  for (;;) {
    beast::error_code ec;
    tcp::socket socket =
        co_await acceptor_.async_accept(net::redirect_error(net::use_awaitable, ec));
    if (ec == net::error::operation_aborted || stopping_) break;
    if (ec) {
      spdlog::warn("http: accept failed: {}", ec.message());
      continue;
    }
    auto connection = std::make_shared<Connection>(std::move(socket));
    {
      std::lock_guard<std::mutex> lock(mutex_);
      connections_.push_back(connection);
    }
    // Start the coroutine from inside its executor: Asio 1.18's co_spawn runs the first step on
    // the calling thread, which must not race with another I/O thread (asio#552).
    net::dispatch(connection->stream.get_executor(), [this, connection] {
      net::co_spawn(connection->stream.get_executor(), Serve(connection),
                    [this, connection](std::exception_ptr error) {
                      LogFailure("a connection", error);
                      Forget(connection);
                    });
    });
  }
}

void Server::Impl::Forget(const std::shared_ptr<Connection>& connection) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::erase(connections_, connection);
  drained_.notify_all();
}

net::awaitable<void> Server::Impl::Serve(std::shared_ptr<Connection> connection) {
  beast::tcp_stream& stream = connection->stream;
  beast::flat_buffer buffer;
  beast::error_code ec;
  while (!stopping_) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(options_.header_limit_bytes);
    parser.body_limit(options_.body_limit_bytes);
    connection->idle = true;
    stream.expires_after(options_.read_timeout);
    co_await http::async_read_header(stream, buffer, parser,
                                     net::redirect_error(net::use_awaitable, ec));
    connection->idle = false;
    if (ec == http::error::header_limit) {
      HttpResponse too_large =
          ErrorResponse(TooLarge("the request headers exceed the limit of " +
                                 std::to_string(options_.header_limit_bytes) + " bytes"));
      too_large.status = 431;  // Request Header Fields Too Large
      co_await Reject(*connection, too_large, "unknown", "unmatched");
      co_return;
    }
    const std::string method(parser.get().method_string());
    if (!ec && parser.content_length() && *parser.content_length() > options_.body_limit_bytes) {
      ec = http::error::body_limit;
    }
    if (!ec) {
      stream.expires_after(options_.read_timeout);
      co_await http::async_read(stream, buffer, parser,
                                net::redirect_error(net::use_awaitable, ec));
    }
    if (ec == http::error::body_limit) {
      co_await Reject(*connection,
                      ErrorResponse(TooLarge("the request body exceeds the limit of " +
                                             std::to_string(options_.body_limit_bytes) + " bytes")),
                      method, "unmatched");
      co_return;
    }
    if (IsParseError(ec)) {
      co_await Reject(*connection,
                      ErrorResponse(InvalidArgument("malformed HTTP request: " + ec.message())),
                      method, "unmatched");
      co_return;
    }
    if (ec) break;  // end_of_stream, timeout, reset or closed by Stop(): nothing to answer

    const BeastRequest& beast_request = parser.get();
    Result<RequestTarget> target = ParseRequestTarget(
        std::string_view(beast_request.target().data(), beast_request.target().size()));
    if (!target) {
      co_await Reject(*connection, ErrorResponse(target.error()), method, "unmatched");
      co_return;
    }
    const HttpRequest request = ToHttpRequest(beast_request, std::move(*target));
    const auto started = std::chrono::steady_clock::now();
    const HttpResponse response = co_await RunBlocking(pool_, [this, &request, started] {
      HttpResponse answer = router_.Handle(request);
      metrics_.ObserveRequest(request.method, router_.MatchedPattern(request), answer.status,
                              std::chrono::steady_clock::now() - started);
      return answer;
    });
    const bool keep_alive = beast_request.keep_alive() && !stopping_;
    BeastResponse beast_response = ToBeastResponse(response, beast_request.version(), keep_alive);
    stream.expires_after(options_.write_timeout);
    co_await http::async_write(stream, beast_response, net::redirect_error(net::use_awaitable, ec));
    if (ec || !keep_alive) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

net::awaitable<void> Server::Impl::Reject(Connection& connection, const HttpResponse& response,
                                          const std::string& method, const std::string& route) {
  metrics_.ObserveRequest(method, route, response.status, std::chrono::nanoseconds{0});
  beast::error_code ec;
  BeastResponse beast_response = ToBeastResponse(response, 11, false);
  connection.stream.expires_after(options_.write_timeout);
  co_await http::async_write(connection.stream, beast_response,
                             net::redirect_error(net::use_awaitable, ec));
  if (ec) co_return;
  connection.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  // Lingering close: read and discard until the client closes, so it is not reset before it
  // has read the answer.
  std::vector<char> discard(64 * 1024);
  std::size_t drained = 0;
  connection.stream.expires_after(kLingerTimeout);
  while (drained < kLingerMaxBytes) {
    const std::size_t n = co_await connection.stream.async_read_some(
        net::buffer(discard), net::redirect_error(net::use_awaitable, ec));
    if (ec) break;
    drained += n;
  }
}

void Server::Impl::Stop() {
  std::vector<std::shared_ptr<Connection>> open;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!started_ || stopped_) return;
    stopped_ = true;
    stopping_ = true;
    open = connections_;
  }
  net::post(ioc_, [this] {
    beast::error_code ec;
    acceptor_.close(ec);
  });
  // Idle keep-alive connections are closed on the I/O thread; a busy one sees stopping_ after its
  // response and closes itself.
  for (const std::shared_ptr<Connection>& connection : open) {
    net::post(connection->stream.get_executor(), [connection] {
      if (connection->idle) {
        beast::error_code ec;
        connection->stream.socket().shutdown(tcp::socket::shutdown_both, ec);
        connection->stream.socket().close(ec);
      }
    });
  }
  {
    std::unique_lock<std::mutex> lock(mutex_);
    const bool drained = drained_.wait_for(lock, options_.drain_timeout,
                                           [this] { return !accepting_ && connections_.empty(); });
    if (!drained) {
      spdlog::warn("http: {} connection(s) still open after the {} ms drain deadline; closing",
                   connections_.size(), options_.drain_timeout.count());
    }
  }
  ioc_.stop();
  for (std::thread& thread : io_threads_) thread.join();
  io_threads_.clear();
  spdlog::info("http: stopped");
}

Server::Server(ServerOptions options, const Router& router, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), router, metrics)) {}

Server::~Server() = default;

Status Server::Start() { return impl_->Start(); }

std::uint16_t Server::port() const { return impl_->port(); }

void Server::Stop() { impl_->Stop(); }

}  // namespace duly::daemon
