#include "tests/integration/delivery_peers.h"

#include <fstream>
#include <memory>
#include <sstream>

#include <gtest/gtest.h>

#include "tests/support/http_client.h"

namespace duly::testing {
namespace {

using channels::twilio::testing::TwilioPeers;
using nlohmann::json;

TwilioPeers* started_peers = nullptr;

class TwilioPeersEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    peers_ = std::make_unique<TwilioPeers>();
    peers_->Start(DULY_TEST_PEERS_DIR, kTwilioHangSeconds);
    started_peers = peers_.get();
  }
  void TearDown() override {
    started_peers = nullptr;
    if (peers_) peers_->Stop();
  }

 private:
  std::unique_ptr<TwilioPeers> peers_;
};

[[maybe_unused]] ::testing::Environment* const registered =
    ::testing::AddGlobalTestEnvironment(new TwilioPeersEnvironment);

}  // namespace

const TwilioPeers* TwilioPeersOrNull() { return started_peers; }

TwilioRecord TwilioRecord::Read(const std::string& proxy_url) {
  HttpClient client(proxy_url);
  HttpResult answer = client.Get("/_recorded");
  TwilioRecord record;
  EXPECT_EQ(answer.status, 200) << answer.body;
  if (answer.status != 200) return record;
  const json listing = json::parse(answer.body);
  record.messages = listing.at("messages");
  record.attempts = listing.at("attempts");
  return record;
}

std::vector<json> TwilioRecord::MessagesTo(const std::string& to) const {
  std::vector<json> found;
  for (const json& message : messages) {
    if (message.value("to", "") == to) found.push_back(message);
  }
  return found;
}

int TwilioRecord::AttemptsTo(const std::string& to) const {
  return attempts.contains(to) ? attempts.at(to).get<int>() : 0;
}

bool SmtpSink::Start(const std::filesystem::path& folder, std::string* why) {
  folder_ = folder;
  std::filesystem::create_directories(folder_);
  if (!process_.Start({"/usr/bin/python3", DULY_SMTP_SINK_SCRIPT, folder_.string()})) {
    *why = "cannot start /usr/bin/python3 " DULY_SMTP_SINK_SCRIPT;
    return false;
  }
  const auto line = process_.WaitForLine("READY", std::chrono::seconds(20));
  if (!line) {
    *why = "the SMTP sink did not start (is python3-aiosmtpd installed?):\n" + process_.output();
    return false;
  }
  port_ = std::stoi(line->substr(line->find(' ') + 1));
  return true;
}

std::vector<ReceivedMail> SmtpSink::Received() const {
  std::vector<ReceivedMail> received;
  for (int n = 1;; ++n) {
    const auto base = folder_ / std::to_string(n);
    // N.json is written last, so its presence means the message is complete.
    const std::string parsed = ReadBytes(base.string() + ".json");
    if (parsed.empty()) break;
    ReceivedMail mail;
    mail.parsed = json::parse(parsed, nullptr, /*allow_exceptions=*/false);
    mail.raw = ReadBytes(base.string() + ".eml");
    if (mail.parsed.is_discarded()) break;
    for (const json& attachment : mail.parsed["attachments"]) {
      mail.attachments.push_back(ReadBytes(attachment["file"].get<std::string>()));
    }
    received.push_back(std::move(mail));
  }
  return received;
}

std::string ReadBytes(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream bytes;
  if (file) bytes << file.rdbuf();
  return bytes.str();
}

}  // namespace duly::testing
