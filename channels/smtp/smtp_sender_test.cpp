// Sends through libcurl to a real SMTP server (aiosmtpd, testdata/smtp_sink.py) on loopback and
// reads back what it received, parsed by Python's own email package.
#include "channels/smtp/smtp_sender.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <variant>

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace duly::smtp {
namespace {

namespace fs = std::filesystem;
using channels::FailureKind;
using channels::SendFailure;
using channels::SendReceipt;

constexpr std::string_view kSubject = "Herinnering: factuur € 1.250,00 — Café Ëlise";

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

bool Accepts(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return ok;
}

// A loopback port nothing listens on: bound, read back, closed.
std::uint16_t ClosedPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

class SmtpSenderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::path(::testing::TempDir()) / "duly_smtp_XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    folder_ = pattern;
    int pipe_fds[2];
    ASSERT_EQ(::pipe(pipe_fds), 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
    std::string python = "/usr/bin/python3";
    std::string script = DULY_SMTP_SINK_SCRIPT;
    std::string folder = folder_.string();
    char* argv[] = {python.data(), script.data(), folder.data(), nullptr};
    ASSERT_EQ(::posix_spawn(&sink_, python.c_str(), &actions, nullptr, argv, environ), 0);
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipe_fds[1]);
    std::string line;
    pollfd ready{pipe_fds[0], POLLIN, 0};
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
      if (::poll(&ready, 1, 500) <= 0) continue;
      char buffer[64];
      const ssize_t n = ::read(pipe_fds[0], buffer, sizeof buffer);
      if (n <= 0) break;
      line.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(pipe_fds[0]);
    ASSERT_TRUE(line.starts_with("READY ")) << "the SMTP sink did not start: '" << line << "'";
    port_ = static_cast<std::uint16_t>(std::stoi(line.substr(6)));
    bool accepting = false;
    for (int attempt = 0; attempt < 50 && !accepting; ++attempt) {
      accepting = Accepts(port_);
      if (!accepting) ::poll(nullptr, 0, 20);
    }
    ASSERT_TRUE(accepting) << "the SMTP sink does not accept connections on " << port_;
  }

  void TearDown() override {
    if (sink_ > 0) {
      ::kill(sink_, SIGTERM);
      int status = 0;
      ::waitpid(sink_, &status, 0);
    }
    std::error_code ignored;
    fs::remove_all(folder_, ignored);
  }

  SmtpSettings Settings() const {
    SmtpSettings settings;
    settings.host = "127.0.0.1";
    settings.port = port_;
    settings.security = SmtpSecurity::kNone;
    settings.connect_timeout = std::chrono::seconds(5);
    settings.total_timeout = std::chrono::seconds(20);
    settings.sender = {"Brasserie Ëlise — debiteurenbeheer", "facturen@elise.be", "Team Debiteuren",
                       "debiteuren@elise.be", "mail.elise.be"};
    return settings;
  }

  static channels::OutboundMessage Reminder(std::string to) {
    channels::OutboundMessage message;
    message.id = 7;
    message.channel = "email";
    message.to = std::move(to);
    message.subject = std::string(kSubject);
    message.text = "Beste Ëlise,\n\nFactuur INV-7 staat nog open.\n.\n..twee punten\nGroeten\n";
    message.html = "<p>Beste Ëlise,</p><p>Factuur INV-7 staat nog open.</p>";
    std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\n\r\n.\r\n";
    for (int i = 0; i < 5000; ++i) pdf += static_cast<char>((i * 131 + 7) % 256);
    pdf += "\n%%EOF\n";
    message.attachments.push_back({"Factuur INV-7 Ëlise.pdf", "application/pdf", pdf});
    return message;
  }

  nlohmann::json Received(int number) const {
    return nlohmann::json::parse(ReadFile(folder_ / (std::to_string(number) + ".json")));
  }

  fs::path folder_;
  pid_t sink_ = 0;
  std::uint16_t port_ = 0;
  ManualClock clock_{FromEpochMillis(1795539720000)};  // 2026-11-24 17:02:00 UTC
};

TEST_F(SmtpSenderTest, DeliversTheReminderWithItsPdfAsTheServerReadsIt) {
  SmtpSender sender(Settings(), clock_);
  const channels::OutboundMessage message = Reminder("boekhouding@cafe-elise.be");
  const channels::SendOutcome outcome = sender.Send(message);
  ASSERT_TRUE(std::holds_alternative<SendReceipt>(outcome))
      << std::get<SendFailure>(outcome).reason;
  const SendReceipt& receipt = std::get<SendReceipt>(outcome);
  EXPECT_EQ(receipt.state, channels::DeliveryState::kAccepted);

  const nlohmann::json received = Received(1);
  EXPECT_EQ(received["mail_from"], "facturen@elise.be");
  EXPECT_EQ(received["rcpt_tos"], nlohmann::json::array({"boekhouding@cafe-elise.be"}));
  const nlohmann::json& headers = received["headers"];
  EXPECT_EQ(headers["Subject"], kSubject);
  EXPECT_EQ(headers["From"], "Brasserie Ëlise — debiteurenbeheer <facturen@elise.be>");
  EXPECT_EQ(headers["Reply-To"], "Team Debiteuren <debiteuren@elise.be>");
  EXPECT_EQ(headers["To"], "boekhouding@cafe-elise.be");
  EXPECT_EQ(headers["Date"], "Tue, 24 Nov 2026 17:02:00 +0000");
  EXPECT_EQ(headers["Message-ID"], receipt.provider_id);
  EXPECT_EQ(headers["MIME-Version"], "1.0");
  EXPECT_EQ(received["parts"],
            nlohmann::json::array({"multipart/mixed", "multipart/alternative", "text/plain",
                                   "text/html", "application/pdf"}));
  // Lines starting with "." survive: libcurl stuffed them, the server unstuffed them.
  EXPECT_EQ(received["text"],
            "Beste Ëlise,\r\n\r\nFactuur INV-7 staat nog open.\r\n.\r\n..twee punten\r\n"
            "Groeten\r\n");
  EXPECT_EQ(received["html"], message.html);
  ASSERT_EQ(received["attachments"].size(), 1U);
  const nlohmann::json& pdf = received["attachments"][0];
  EXPECT_EQ(pdf["filename"], "Factuur INV-7 Ëlise.pdf");
  EXPECT_EQ(pdf["content_type"], "application/pdf");
  EXPECT_EQ(ReadFile(pdf["file"].get<std::string>()), message.attachments[0].content);

  // The server received exactly the bytes BuildMimeMessage made.
  const Result<MimeMessage> built = BuildMimeMessage(message, Settings().sender, clock_.Now());
  ASSERT_TRUE(built.has_value());
  EXPECT_EQ(ReadFile(folder_ / "1.eml"), built->bytes);
}

TEST_F(SmtpSenderTest, RejectedRecipientIsPermanentWithTheServersText) {
  SmtpSender sender(Settings(), clock_);
  const channels::SendOutcome outcome = sender.Send(Reminder("bounce@cafe-elise.be"));
  ASSERT_TRUE(std::holds_alternative<SendFailure>(outcome));
  const SendFailure& failure = std::get<SendFailure>(outcome);
  EXPECT_EQ(failure.kind, FailureKind::kPermanent);
  EXPECT_EQ(failure.provider_code, "550");
  EXPECT_NE(failure.reason.find("Recipient address rejected: User unknown"), std::string::npos)
      << failure.reason;
  EXPECT_FALSE(fs::exists(folder_ / "1.eml"));
}

TEST_F(SmtpSenderTest, BusyMailboxIsTransient) {
  SmtpSender sender(Settings(), clock_);
  const channels::SendOutcome outcome = sender.Send(Reminder("busy@cafe-elise.be"));
  ASSERT_TRUE(std::holds_alternative<SendFailure>(outcome));
  EXPECT_EQ(std::get<SendFailure>(outcome).kind, FailureKind::kTransient);
  EXPECT_EQ(std::get<SendFailure>(outcome).provider_code, "451");
}

TEST_F(SmtpSenderTest, TimeoutAfterTheBodyWentIsAnUnknownOutcome) {
  SmtpSettings settings = Settings();
  settings.total_timeout = std::chrono::milliseconds(1000);
  SmtpSender sender(settings, clock_);
  const auto start = std::chrono::steady_clock::now();
  const channels::SendOutcome outcome = sender.Send(Reminder("slow@cafe-elise.be"));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  ASSERT_TRUE(std::holds_alternative<SendFailure>(outcome));
  EXPECT_EQ(std::get<SendFailure>(outcome).kind, FailureKind::kUnknownOutcome)
      << std::get<SendFailure>(outcome).reason;
}

TEST_F(SmtpSenderTest, UnreachableServerIsTransient) {
  SmtpSettings settings = Settings();
  settings.port = ClosedPort();
  SmtpSender sender(settings, clock_);
  const channels::SendOutcome outcome = sender.Send(Reminder("boekhouding@cafe-elise.be"));
  ASSERT_TRUE(std::holds_alternative<SendFailure>(outcome));
  EXPECT_EQ(std::get<SendFailure>(outcome).kind, FailureKind::kTransient);
}

TEST_F(SmtpSenderTest, StartTlsRequiredButNotOfferedIsTransientAndSendsNothing) {
  SmtpSettings settings = Settings();
  settings.security = SmtpSecurity::kStartTls;
  SmtpSender sender(settings, clock_);
  const channels::SendOutcome outcome = sender.Send(Reminder("boekhouding@cafe-elise.be"));
  ASSERT_TRUE(std::holds_alternative<SendFailure>(outcome));
  EXPECT_EQ(std::get<SendFailure>(outcome).kind, FailureKind::kTransient);
  EXPECT_FALSE(fs::exists(folder_ / "1.eml"));
}

TEST_F(SmtpSenderTest, MessageThatCannotBeBuiltIsPermanent) {
  SmtpSender sender(Settings(), clock_);
  channels::OutboundMessage message = Reminder("boekhouding@cafe-elise.be");
  message.subject = "Hello\r\nBcc: everyone@example.com";
  const channels::SendOutcome outcome = sender.Send(message);
  ASSERT_TRUE(std::holds_alternative<SendFailure>(outcome));
  EXPECT_EQ(std::get<SendFailure>(outcome).kind, FailureKind::kPermanent);
  EXPECT_NE(std::get<SendFailure>(outcome).reason.find("/subject"), std::string::npos);
  EXPECT_FALSE(fs::exists(folder_ / "1.eml"));
}

}  // namespace
}  // namespace duly::smtp
