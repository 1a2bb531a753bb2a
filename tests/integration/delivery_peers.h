// The real peers the dulyd delivery tests send through.
//
// Promise: TwilioPeersEnvironment (a gtest Environment registered once per binary) starts prism
// with Twilio's OpenAPI document and tests/peers/twilio_fault_proxy.py in front of it (see
// channels/twilio/testing/twilio_peers.h; the proxy holds a "92" answer back for
// kTwilioHangSeconds) and stops both at the end; TwilioPeersOrNull() is null before then.
// TwilioRecord reads the proxy's GET /_recorded: what reached prism and how many POSTs each To
// number got. SmtpSink runs channels/smtp/testdata/smtp_sink.py (a real aiosmtpd server) into a
// folder and reads back what it received (N.json, N.eml, N.attK). Test-only; one thread.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "channels/http/testing/peer_process.h"
#include "channels/twilio/testing/twilio_peers.h"

namespace duly::testing {

// Longer than any Twilio timeout the tests configure: a "92" send always times out.
inline constexpr double kTwilioHangSeconds = 6.0;

// The peers started by the environment, or nullptr before it ran.
const channels::twilio::testing::TwilioPeers* TwilioPeersOrNull();

struct TwilioRecord {
  nlohmann::json messages = nlohmann::json::array();   // every message prism created
  nlohmann::json attempts = nlohmann::json::object();  // To -> POSTs (Messages and Calls)

  // Reads GET <proxy>/_recorded; fails the calling test when the proxy does not answer.
  static TwilioRecord Read(const std::string& proxy_url);
  // Messages created for `to` ("+3247..." or "whatsapp:+3247...").
  std::vector<nlohmann::json> MessagesTo(const std::string& to) const;
  // POSTs seen for `to`; 0 when none.
  int AttemptsTo(const std::string& to) const;
};

// One received e-mail: the sink's parse of it and the raw bytes.
struct ReceivedMail {
  nlohmann::json parsed;  // mail_from, rcpt_tos, headers (decoded), text, html, attachments
  std::string raw;        // the bytes after DATA
  std::vector<std::string> attachments;  // each attachment's bytes, in order
};

class SmtpSink {
 public:
  // Starts the sink writing into `folder`; returns false (with its output in `why`) on failure.
  bool Start(const std::filesystem::path& folder, std::string* why);
  int port() const { return port_; }
  // Every message received so far, in the order received.
  std::vector<ReceivedMail> Received() const;

 private:
  channels::http::testing::PeerProcess process_;
  std::filesystem::path folder_;
  int port_ = 0;
};

// Reads a whole file; empty when it cannot be read.
std::string ReadBytes(const std::filesystem::path& path);

}  // namespace duly::testing
