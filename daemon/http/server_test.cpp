#include "daemon/http/server.h"

#include <chrono>
#include <future>
#include <optional>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "daemon/http/net.h"

namespace duly::daemon {
namespace {

using ::testing::HasSubstr;
using Response = http::response<http::string_body>;
using namespace std::chrono_literals;

// A plain HTTP/1.1 client over one loopback connection. Every operation runs on the client's own
// io_context with a deadline (tcp_stream::expires_after), so a misbehaving server fails the test
// with beast::error::timeout instead of hanging it.
class TestClient {
 public:
  explicit TestClient(std::uint16_t port) : stream_(ioc_) {
    stream_.expires_after(5s);
    stream_.async_connect(tcp::endpoint(net::ip::address_v4::loopback(), port),
                          [this](beast::error_code ec) { connect_error_ = ec; });
    Run();
  }

  beast::error_code connect_error() const { return connect_error_; }

  beast::error_code Write(const std::string& bytes) {
    beast::error_code result;
    stream_.expires_after(10s);
    net::async_write(stream_, net::buffer(bytes),
                     [&result](beast::error_code ec, std::size_t) { result = ec; });
    Run();
    return result;
  }

  // Sends a GET with keep-alive.
  beast::error_code Get(const std::string& target) {
    return Write("GET " + target + " HTTP/1.1\r\nHost: test\r\n\r\n");
  }

  std::pair<beast::error_code, Response> Read(std::chrono::seconds deadline = 5s) {
    Response response;
    beast::error_code result;
    stream_.expires_after(deadline);
    http::async_read(stream_, buffer_, response,
                     [&result](beast::error_code ec, std::size_t) { result = ec; });
    Run();
    return {result, std::move(response)};
  }

  // True when the server closes the connection (EOF) before `deadline`.
  bool ClosedByServer(std::chrono::seconds deadline = 5s) {
    char byte = 0;
    beast::error_code result;
    stream_.expires_after(deadline);
    stream_.async_read_some(net::buffer(&byte, 1),
                            [&result](beast::error_code ec, std::size_t) { result = ec; });
    Run();
    return result == net::error::eof || result == net::error::connection_reset;
  }

 private:
  void Run() {
    ioc_.restart();
    ioc_.run();
  }

  net::io_context ioc_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  beast::error_code connect_error_;
};

Result<Principal> NoTokens(const std::string&) {
  return Error{ErrorCode::kUnauthenticated, "no tokens in this test", {}};
}

class ServerTest : public ::testing::Test {
 protected:
  ServerTest() : router_(NoTokens), slow_release_(slow_gate_.get_future().share()) {
    router_.Add("GET", "/healthz", {},
                [](const RouteContext&) { return JsonResponse(R"({"status":"ok"})"); });
    router_.Add("GET", "/echo/{name}", {}, [](const RouteContext& context) {
      nlohmann::json body = {
          {"name", context.params.at("name")},
          {"path", context.request.path},
          {"q", context.request.query.count("q") ? context.request.query.at("q") : ""},
          {"agent", context.request.Header("user-agent")}};
      return JsonResponse(body.dump());
    });
    router_.Add("POST", "/upload", {}, [](const RouteContext& context) {
      return JsonResponse(nlohmann::json{{"bytes", context.request.body.size()}}.dump(), 201);
    });
    router_.Add("GET", "/slow", {}, [this](const RouteContext&) {
      slow_entered_.set_value();
      slow_release_.wait();
      return JsonResponse(R"({"slow":"done"})");
    });
  }

  ~ServerTest() override {
    if (server_) server_->Stop();
  }

  void StartServer(ServerOptions options = {}) {
    options.port = 0;
    server_.emplace(options, router_, metrics_);
    ASSERT_TRUE(server_->Start().ok());
    ASSERT_NE(server_->port(), 0);
  }

  Router router_;
  Metrics metrics_;
  std::promise<void> slow_entered_;
  std::promise<void> slow_gate_;
  std::shared_future<void> slow_release_;
  std::optional<Server> server_;
};

TEST_F(ServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  StartServer();
  TestClient client(server_->port());
  ASSERT_FALSE(client.connect_error());
  ASSERT_FALSE(client.Get("/healthz"));
  auto [ec1, first] = client.Read();
  ASSERT_FALSE(ec1) << ec1.message();
  EXPECT_EQ(first.result_int(), 200u);
  EXPECT_TRUE(first.keep_alive());
  EXPECT_EQ(first[http::field::content_type], "application/json");
  EXPECT_EQ(first.body(), R"({"status":"ok"})");

  ASSERT_FALSE(client.Write(
      "GET /echo/A%2FB%20C?q=caf%C3%A9+x HTTP/1.1\r\nHost: test\r\nUser-Agent: t/1\r\n\r\n"));
  auto [ec2, second] = client.Read();
  ASSERT_FALSE(ec2) << ec2.message();
  ASSERT_EQ(second.result_int(), 200u);
  const auto body = nlohmann::json::parse(second.body());
  EXPECT_EQ(body["name"], "A/B C");
  EXPECT_EQ(body["path"], "/echo/A/B C");
  EXPECT_EQ(body["q"], "caf\xC3\xA9 x");
  EXPECT_EQ(body["agent"], "t/1");

  const std::string text = metrics_.RenderText();
  EXPECT_THAT(text, HasSubstr("duly_http_requests_total{method=\"GET\",route=\"/healthz\","
                              "status=\"200\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("route=\"/echo/{name}\",status=\"200\"} 1\n"));
}

TEST_F(ServerTest, BodyWithinLimitReachesHandler) {
  StartServer();
  TestClient client(server_->port());
  const std::string body(1000, 'x');
  ASSERT_FALSE(
      client.Write("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 1000\r\n\r\n" + body));
  auto [ec, response] = client.Read();
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(response.result_int(), 201u);
  EXPECT_EQ(nlohmann::json::parse(response.body())["bytes"], 1000);
}

TEST_F(ServerTest, TenMegabyteBodyIs413NamingTheLimit) {
  StartServer();
  TestClient client(server_->port());
  const std::string body(10 * 1024 * 1024, 'x');
  client.Write(
      "POST /upload HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
      "Content-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body);
  auto [ec, response] = client.Read();
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(response.result_int(), 413u);
  EXPECT_FALSE(response.keep_alive());
  const auto json = nlohmann::json::parse(response.body());
  EXPECT_EQ(json["error"]["code"], "too_large");
  EXPECT_THAT(json["error"]["message"].get<std::string>(), HasSubstr("8388608 bytes"));
}

TEST_F(ServerTest, ChunkedBodyOverTheLimitIs413) {
  ServerOptions options;
  options.body_limit_bytes = 100;
  StartServer(options);
  TestClient client(server_->port());
  const std::string chunk(200, 'y');
  client.Write("POST /upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nc8\r\n" +
               chunk + "\r\n0\r\n\r\n");
  auto [ec, response] = client.Read();
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(response.result_int(), 413u);
}

TEST_F(ServerTest, HugeHeadersAre431) {
  StartServer();
  TestClient client(server_->port());
  client.Write("GET /healthz HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(20 * 1024, 'h') +
               "\r\n\r\n");
  auto [ec, response] = client.Read();
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(response.result_int(), 431u);
  EXPECT_FALSE(response.keep_alive());
}

TEST_F(ServerTest, InvalidUtf8TargetIs400) {
  StartServer();
  TestClient client(server_->port());
  ASSERT_FALSE(client.Get("/echo/%FF%FE"));
  auto [ec, response] = client.Read();
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(response.result_int(), 400u);
  const auto json = nlohmann::json::parse(response.body());
  EXPECT_EQ(json["error"]["fields"][0]["field"], "target");
}

TEST_F(ServerTest, MalformedRequestIs400) {
  StartServer();
  TestClient client(server_->port());
  ASSERT_FALSE(client.Write("GET /healthz HTTP/1.1\r\nHost: t\r\nContent-Length: abc\r\n\r\n"));
  auto [ec, response] = client.Read();
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(response.result_int(), 400u);
}

TEST_F(ServerTest, ReadTimeoutClosesAnIdleConnection) {
  ServerOptions options;
  options.read_timeout = 200ms;
  StartServer(options);
  TestClient client(server_->port());
  ASSERT_FALSE(client.connect_error());
  EXPECT_TRUE(client.ClosedByServer(5s));
}

TEST_F(ServerTest, StopFinishesAnInFlightRequest) {
  StartServer();
  TestClient client(server_->port());
  ASSERT_FALSE(client.Get("/slow"));
  ASSERT_EQ(slow_entered_.get_future().wait_for(5s), std::future_status::ready);

  std::future<void> stopped = std::async(std::launch::async, [this] { server_->Stop(); });
  // Stop must wait for the request in flight.
  EXPECT_EQ(stopped.wait_for(100ms), std::future_status::timeout);
  slow_gate_.set_value();

  auto [ec, response] = client.Read();
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(response.result_int(), 200u);
  EXPECT_EQ(response.body(), R"({"slow":"done"})");
  EXPECT_FALSE(response.keep_alive());
  ASSERT_EQ(stopped.wait_for(5s), std::future_status::ready);
  EXPECT_TRUE(client.ClosedByServer());

  TestClient late(server_->port());
  EXPECT_TRUE(late.connect_error());  // the listener is closed
}

TEST_F(ServerTest, StopClosesIdleKeepAliveConnectionsPromptly) {
  StartServer();  // drain deadline 10 s: Stop must not wait for idle connections
  TestClient client(server_->port());
  ASSERT_FALSE(client.Get("/healthz"));
  auto [ec, response] = client.Read();
  ASSERT_FALSE(ec);
  ASSERT_TRUE(response.keep_alive());

  const auto started = std::chrono::steady_clock::now();
  server_->Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
  EXPECT_TRUE(client.ClosedByServer());
}

TEST_F(ServerTest, ConcurrentClientsAreAllServed) {
  ServerOptions options;
  options.io_threads = 2;  // served with one I/O thread (server.cpp says why)
  options.blocking_threads = 2;
  StartServer(options);
  constexpr int kClients = 8;
  constexpr int kRequests = 5;
  std::vector<std::future<int>> served;
  for (int c = 0; c < kClients; ++c) {
    served.push_back(std::async(std::launch::async, [port = server_->port()] {
      TestClient client(port);
      int ok = 0;
      for (int r = 0; r < kRequests; ++r) {
        if (client.Get("/healthz")) break;
        auto [ec, response] = client.Read();
        if (!ec && response.result_int() == 200) ++ok;
      }
      return ok;
    }));
  }
  for (std::future<int>& result : served) EXPECT_EQ(result.get(), kRequests);
  EXPECT_THAT(metrics_.RenderText(), HasSubstr("route=\"/healthz\",status=\"200\"} " +
                                               std::to_string(kClients * kRequests) + "\n"));
}

TEST_F(ServerTest, StartFailsWhenThePortIsTaken) {
  StartServer();
  ServerOptions options;
  options.port = server_->port();
  Server second(options, router_, metrics_);
  const Status status = second.Start();
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kUnavailable);
  EXPECT_THAT(status.error().message, HasSubstr(std::to_string(server_->port())));
}

}  // namespace
}  // namespace duly::daemon
