#include "channels/http/curl_http_client.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "channels/http/testing/peer_process.h"

namespace duly::channels::http {
namespace {

using std::chrono::milliseconds;

class CurlHttpClientTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    peer_ = new testing::PeerProcess();
    if (!peer_->Start({"python3", DULY_HTTP_PEER_SCRIPT, "--port", "0"})) return;
    if (auto line = peer_->WaitForLine("LISTENING", std::chrono::seconds(20))) {
      base_ = "http://127.0.0.1:" + line->substr(line->find(' ') + 1);
    }
  }
  static void TearDownTestSuite() {
    delete peer_;
    peer_ = nullptr;
  }
  void SetUp() override {
    ASSERT_FALSE(base_.empty()) << "the HTTP peer did not start: " << peer_->output();
  }

  static HttpRequest Get(const std::string& path, milliseconds timeout = milliseconds(10000)) {
    HttpRequest request;
    request.url = base_ + path;
    request.timeout = timeout;
    return request;
  }

  static inline testing::PeerProcess* peer_ = nullptr;
  static inline std::string base_;
};

HttpResponse ResponseOf(HttpOutcome outcome) {
  if (const auto* failure = std::get_if<HttpFailure>(&outcome)) {
    ADD_FAILURE() << "transfer failed: " << failure->reason;
    return {};
  }
  return std::get<HttpResponse>(std::move(outcome));
}

TEST_F(CurlHttpClientTest, PostsAFormBodyWithBasicAuthAndReadsTheAnswer) {
  CurlHttpClient client;
  HttpRequest request = FormPost(base_ + "/echo", "To=%2B32470000001&Body=hello%20world");
  request.basic_auth = std::make_pair("AC123", "secret");
  request.headers.emplace_back("X-Extra", "yes");
  const HttpResponse response = ResponseOf(client.Perform(request));
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.Header("content-type"), "application/json");
  const auto echoed = nlohmann::json::parse(response.body);
  EXPECT_EQ(echoed["method"], "POST");
  EXPECT_EQ(echoed["body"], "To=%2B32470000001&Body=hello%20world");
  EXPECT_EQ(echoed["headers"]["Content-Type"], "application/x-www-form-urlencoded");
  EXPECT_EQ(echoed["headers"]["Authorization"], "Basic QUMxMjM6c2VjcmV0");  // AC123:secret
  EXPECT_EQ(echoed["headers"]["X-Extra"], "yes");
  EXPECT_FALSE(echoed["headers"].contains("Expect"));
}

TEST_F(CurlHttpClientTest, SendsJsonAndOtherMethods) {
  CurlHttpClient client;
  const HttpResponse posted = ResponseOf(client.Perform(JsonPost(base_ + "/echo", R"({"a":1})")));
  EXPECT_EQ(nlohmann::json::parse(posted.body)["headers"]["Content-Type"], "application/json");
  HttpRequest remove = Get("/echo");
  remove.method = "DELETE";
  const HttpResponse removed = ResponseOf(client.Perform(remove));
  EXPECT_EQ(nlohmann::json::parse(removed.body)["method"], "DELETE");
}

TEST_F(CurlHttpClientTest, ReturnsErrorStatusesWithRetryAfter) {
  CurlHttpClient client;
  const HttpResponse response = ResponseOf(client.Perform(Get("/status?code=429&retry_after=7")));
  EXPECT_EQ(response.status, 429);
  EXPECT_EQ(response.Header("Retry-After"), "7");
  EXPECT_EQ(response.body, R"({"status": 429})");
  EXPECT_EQ(ResponseOf(client.Perform(Get("/status?code=503"))).status, 503);
}

TEST_F(CurlHttpClientTest, RunsHundredsOfTransfersConcurrentlyOverReusedConnections) {
  CurlHttpClient client;
  const auto connections_before = std::stoi(ResponseOf(client.Perform(Get("/connections"))).body);
  constexpr int kRequests = 200;
  std::mutex mutex;
  std::condition_variable finished;
  int done = 0;
  int ok = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kRequests; ++i) {
    client.Start(Get("/slow?ms=200"), [&](HttpOutcome outcome) {
      std::lock_guard lock(mutex);
      if (const auto* response = std::get_if<HttpResponse>(&outcome)) {
        ok += response->status == 200 ? 1 : 0;
      }
      ++done;
      finished.notify_all();
    });
  }
  EXPECT_GT(client.InFlight(), 0u);  // Start returned before the answers came
  {
    std::unique_lock lock(mutex);
    ASSERT_TRUE(
        finished.wait_for(lock, std::chrono::seconds(30), [&] { return done == kRequests; }));
  }
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(ok, kRequests);
  // One at a time would take 40 s; 64 connections per host take ~4 rounds of 200 ms.
  EXPECT_LT(elapsed, std::chrono::seconds(5));
  EXPECT_EQ(client.InFlight(), 0u);
  // A second wave reuses the kept-alive connections instead of opening new ones.
  const auto connections_after_first =
      std::stoi(ResponseOf(client.Perform(Get("/connections"))).body);
  EXPECT_LE(connections_after_first - connections_before, 65);
  for (int i = 0; i < 20; ++i) ResponseOf(client.Perform(Get("/echo")));
  const auto connections_after_second =
      std::stoi(ResponseOf(client.Perform(Get("/connections"))).body);
  EXPECT_EQ(connections_after_second, connections_after_first);
}

TEST_F(CurlHttpClientTest, MaxHostConnectionsBoundsTheConnectionsOpened) {
  CurlHttpClient client(CurlHttpClientOptions{4, 0});
  const auto before = std::stoi(ResponseOf(client.Perform(Get("/connections"))).body);
  std::atomic<int> done{0};
  std::mutex mutex;
  std::condition_variable finished;
  for (int i = 0; i < 16; ++i) {
    client.Start(Get("/slow?ms=50"), [&](HttpOutcome) {
      std::lock_guard lock(mutex);
      ++done;
      finished.notify_all();
    });
  }
  {
    std::unique_lock lock(mutex);
    ASSERT_TRUE(finished.wait_for(lock, std::chrono::seconds(20), [&] { return done == 16; }));
  }
  const auto after = std::stoi(ResponseOf(client.Perform(Get("/connections"))).body);
  EXPECT_LE(after - before, 5);  // 4 for the slow ones (+1 for the first /connections)
}

TEST_F(CurlHttpClientTest, ATimeoutAfterSendingMayHaveLeft) {
  CurlHttpClient client;
  const auto start = std::chrono::steady_clock::now();
  const HttpOutcome outcome = client.Perform(Get("/slow?ms=3000", milliseconds(300)));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  const auto* failure = std::get_if<HttpFailure>(&outcome);
  ASSERT_NE(failure, nullptr);
  EXPECT_TRUE(failure->may_have_left);
  EXPECT_TRUE(failure->timed_out);
  EXPECT_NE(failure->reason.find("127.0.0.1"), std::string::npos) << failure->reason;
}

TEST_F(CurlHttpClientTest, ADroppedConnectionMayHaveLeft) {
  CurlHttpClient client;
  const HttpOutcome outcome = client.Perform(FormPost(base_ + "/drop", "a=b"));
  const auto* failure = std::get_if<HttpFailure>(&outcome);
  ASSERT_NE(failure, nullptr);
  EXPECT_TRUE(failure->may_have_left) << failure->reason;
  EXPECT_FALSE(failure->timed_out);
}

TEST_F(CurlHttpClientTest, ARefusedConnectionCertainlyDidNotLeave) {
  CurlHttpClient client;
  HttpRequest request;
  request.url = "http://127.0.0.1:" + std::to_string(testing::FreeLoopbackPort()) + "/echo";
  const HttpOutcome outcome = client.Perform(request);
  const auto* failure = std::get_if<HttpFailure>(&outcome);
  ASSERT_NE(failure, nullptr);
  EXPECT_FALSE(failure->may_have_left) << failure->reason;
}

TEST_F(CurlHttpClientTest, AnUnresolvableHostOrBadUrlCertainlyDidNotLeave) {
  CurlHttpClient client;
  HttpRequest request;
  request.url = "http://no-such-host.invalid/echo";
  const HttpOutcome unresolved = client.Perform(request);
  ASSERT_TRUE(std::holds_alternative<HttpFailure>(unresolved));
  EXPECT_FALSE(std::get<HttpFailure>(unresolved).may_have_left);
  request.url = "ftp://127.0.0.1/file";
  const HttpOutcome refused = client.Perform(request);
  ASSERT_TRUE(std::holds_alternative<HttpFailure>(refused));
  EXPECT_FALSE(std::get<HttpFailure>(refused).may_have_left);
}

TEST_F(CurlHttpClientTest, DestroyingTheClientEndsRunningTransfersOnce) {
  std::atomic<int> calls{0};
  std::atomic<bool> left{false};
  {
    CurlHttpClient client;
    client.Start(Get("/slow?ms=5000"), [&](HttpOutcome outcome) {
      ++calls;
      if (const auto* failure = std::get_if<HttpFailure>(&outcome)) left = failure->may_have_left;
    });
    // Make sure the slow transfer has been handed to libcurl before the client goes.
    ResponseOf(client.Perform(Get("/echo")));
  }
  EXPECT_EQ(calls.load(), 1);
  EXPECT_TRUE(left.load());
}

}  // namespace
}  // namespace duly::channels::http
