// duly::channels::mollie::testing: Mollie's stand-in for test binaries: prism serving Mollie's
// own OpenAPI document (../shared/fixtures/mollie/mollie_api.openapi.yaml), and an HttpClient
// that adds prism's "Prefer" header to chosen requests.
//
// Promise: MolliePrism::Start(peers_dir) starts peers_dir/node_modules/.bin/prism mock on a free
// loopback port with the document ($DULY_SHARED_DIR/fixtures/mollie, else the compile definition
// DULY_SHARED_FIXTURES_DIR/mollie) and waits up to 90 s for it to listen. Afterwards either
// skip_reason() says why it cannot run here (prism not installed: run tests/peers/install.sh;
// document missing: GTEST_SKIP with it), or start_error() says what failed (fail the test), or
// both are empty and url() is "http://127.0.0.1:<port>". Prism validates every request against
// Mollie's contract (422 with an sl-violations header when one breaks it; 401 without a bearer
// key) and answers the document's examples: "Prefer: example=get-payment-200-3" picks the paid
// card payment, "Prefer: code=429" the documented rate-limit answer.
// PreferringHttpClient forwards to another HttpClient, adding "Prefer: <prefer>" to requests
// whose method is `method` (all when empty). Test-only; MolliePrism from one thread,
// PreferringHttpClient as thread-safe as the client it wraps.
#pragma once

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>

#include "channels/http/http_client.h"
#include "channels/http/testing/peer_process.h"

namespace duly::channels::mollie::testing {

inline std::filesystem::path MollieDocument() {
  if (const char* shared = std::getenv("DULY_SHARED_DIR"); shared != nullptr && *shared != '\0') {
    return std::filesystem::path(shared) / "fixtures" / "mollie" / "mollie_api.openapi.yaml";
  }
  return std::filesystem::path(DULY_SHARED_FIXTURES_DIR) / "mollie" / "mollie_api.openapi.yaml";
}

class MolliePrism {
 public:
  void Start(const std::filesystem::path& peers_dir) {
    const auto prism = peers_dir / "node_modules" / ".bin" / "prism";
    const auto document = MollieDocument();
    if (!std::filesystem::exists(prism)) {
      skip_reason_ = "prism is not installed: run tests/peers/install.sh (" + prism.string() + ")";
      return;
    }
    if (!std::filesystem::is_regular_file(document)) {
      skip_reason_ = "Mollie's OpenAPI document is missing: set DULY_SHARED_DIR (looked for " +
                     document.string() + ")";
      return;
    }
    const std::string port = std::to_string(http::testing::FreeLoopbackPort());
    prism_.Start({prism.string(), "mock", "-h", "127.0.0.1", "-p", port, document.string()});
    if (!prism_.WaitForLine("Prism is listening", std::chrono::seconds(90))) {
      start_error_ = "prism did not start:\n" + prism_.output();
      return;
    }
    url_ = "http://127.0.0.1:" + port;
  }
  void Stop() { prism_.Stop(); }

  const std::string& skip_reason() const { return skip_reason_; }
  const std::string& start_error() const { return start_error_; }
  const std::string& url() const { return url_; }

 private:
  http::testing::PeerProcess prism_;
  std::string skip_reason_;
  std::string start_error_;
  std::string url_;
};

class PreferringHttpClient final : public http::HttpClient {
 public:
  PreferringHttpClient(std::shared_ptr<http::HttpClient> client, std::string method,
                       std::string prefer)
      : client_(std::move(client)), method_(std::move(method)), prefer_(std::move(prefer)) {}

  void Start(http::HttpRequest request, Done done) override {
    if (method_.empty() || request.method == method_) {
      request.headers.emplace_back("Prefer", prefer_);
    }
    client_->Start(std::move(request), std::move(done));
  }

 private:
  std::shared_ptr<http::HttpClient> client_;
  std::string method_;
  std::string prefer_;
};

}  // namespace duly::channels::mollie::testing
