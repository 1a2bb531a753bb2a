// duly::channels::twilio::testing::TwilioPeers: Twilio's real stand-ins for a test binary.
//
// Promise: Start(peers_dir) starts prism (peers_dir/node_modules/.bin/prism mock -d) on a free
// loopback port with Twilio's OpenAPI document (shared_fixtures.h: $DULY_SHARED_DIR or the
// compile definition DULY_SHARED_FIXTURES_DIR), waits up to 90 s for it to listen, then starts
// peers_dir/twilio_fault_proxy.py in front of it (faults by the To number's last two digits;
// see that file's header) and waits for it. Afterwards either skip_reason() says why the
// peers cannot run here (prism not installed, document missing: GTEST_SKIP with it), or
// start_error() says what failed to start (fail the test), or both are empty and prism_url()
// and proxy_url() are "http://127.0.0.1:<port>". The destructor (or Stop) ends both.
// Test-only; use from one thread (typically a ::testing::Environment).
#pragma once

#include <chrono>
#include <filesystem>
#include <string>

#include "channels/http/testing/peer_process.h"
#include "channels/twilio/shared_fixtures.h"

namespace duly::channels::twilio::testing {

class TwilioPeers {
 public:
  void Start(const std::filesystem::path& peers_dir, double hang_seconds = 3.0) {
    const auto prism = peers_dir / "node_modules" / ".bin" / "prism";
    const auto document = TwilioFixture("twilio_api_v2010.json");
    if (!std::filesystem::exists(prism)) {
      skip_reason_ = "prism is not installed: run tests/peers/install.sh (" + prism.string() + ")";
      return;
    }
    if (!document) {
      skip_reason_ = "Twilio's OpenAPI document is missing: set DULY_SHARED_DIR (looked in " +
                     TwilioFixtureDir().string() + ")";
      return;
    }
    const std::string port = std::to_string(http::testing::FreeLoopbackPort());
    prism_.Start({prism.string(), "mock", "-d", "-h", "127.0.0.1", "-p", port, document->string()});
    if (!prism_.WaitForLine("Prism is listening", std::chrono::seconds(90))) {
      start_error_ = "prism did not start:\n" + prism_.output();
      return;
    }
    prism_url_ = "http://127.0.0.1:" + port;
    proxy_.Start({"python3", (peers_dir / "twilio_fault_proxy.py").string(), "--prism", prism_url_,
                  "--port", "0", "--hang-seconds", std::to_string(hang_seconds)});
    const auto line = proxy_.WaitForLine("LISTENING", std::chrono::seconds(20));
    if (!line) {
      start_error_ = "the fault proxy did not start:\n" + proxy_.output();
      return;
    }
    proxy_url_ = "http://127.0.0.1:" + line->substr(line->find(' ') + 1);
  }

  void Stop() {
    proxy_.Stop();
    prism_.Stop();
  }

  const std::string& skip_reason() const { return skip_reason_; }
  const std::string& start_error() const { return start_error_; }
  const std::string& prism_url() const { return prism_url_; }
  const std::string& proxy_url() const { return proxy_url_; }

 private:
  http::testing::PeerProcess prism_;
  http::testing::PeerProcess proxy_;
  std::string skip_reason_;
  std::string start_error_;
  std::string prism_url_;
  std::string proxy_url_;
};

}  // namespace duly::channels::twilio::testing
