#include "channels/chat/chat_channel.h"

#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "channels/http/curl_http_client.h"
#include "channels/http/testing/peer_process.h"

namespace duly::channels::chat {
namespace {

using std::chrono::seconds;

// Posts to a loopback stand-in that answers and checks shapes as Slack and Teams document.
class ChatChannelTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    peer_ = new http::testing::PeerProcess();
    if (!peer_->Start({"python3", DULY_CHAT_PEER_SCRIPT, "--port", "0"})) return;
    if (auto line = peer_->WaitForLine("LISTENING", seconds(20))) {
      base_ = "http://127.0.0.1:" + line->substr(line->find(' ') + 1);
    }
  }
  static void TearDownTestSuite() {
    delete peer_;
    peer_ = nullptr;
  }
  void SetUp() override {
    ASSERT_FALSE(base_.empty()) << "the webhook peer did not start: " << peer_->output();
  }

  ChatChannel Channel(ChatFlavor flavor) {
    ChatConfig config;
    config.default_flavor = flavor;
    config.request_timeout = std::chrono::milliseconds(2000);
    return ChatChannel(config, client_);
  }

  static OutboundMessage Message(const std::string& path, std::string subject = "Klacht INV-7") {
    OutboundMessage message;
    message.id = 42;
    message.channel = "chat";
    message.to = base_ + path;
    message.colleague = "E7";
    message.language = "nl";
    message.subject = std::move(subject);
    message.text = "Klant C1 betwist factuur INV-7 (€ 1.234,56). Graag binnen een week oplossen.";
    return message;
  }

  // The posts the peer accepted on `path`.
  nlohmann::json Accepted(const std::string& path) {
    http::HttpRequest request;
    request.url = base_ + "/_recorded";
    const auto outcome = client_->Perform(request);
    nlohmann::json found = nlohmann::json::array();
    if (const auto* response = std::get_if<http::HttpResponse>(&outcome)) {
      const auto all = nlohmann::json::parse(response->body);
      for (const auto& post : all) {
        if (post["path"] == path) found.push_back(post);
      }
    }
    return found;
  }

  static inline http::testing::PeerProcess* peer_ = nullptr;
  static inline std::string base_;
  std::shared_ptr<http::CurlHttpClient> client_ = std::make_shared<http::CurlHttpClient>();
};

SendFailure FailureOf(const SendOutcome& outcome) {
  if (std::holds_alternative<SendReceipt>(outcome)) {
    ADD_FAILURE() << "sent as " << std::get<SendReceipt>(outcome).provider_id;
    return {};
  }
  return std::get<SendFailure>(outcome);
}

TEST_F(ChatChannelTest, PostsSlackJsonTheWebhookAccepts) {
  auto chat = Channel(ChatFlavor::kSlack);
  const SendOutcome outcome = chat.Send(Message("/slack/T1/B1/abc"));
  ASSERT_TRUE(std::holds_alternative<SendReceipt>(outcome))
      << std::get<SendFailure>(outcome).reason;
  EXPECT_EQ(std::get<SendReceipt>(outcome), (SendReceipt{"slack:42", DeliveryState::kDelivered}));
  const auto posts = Accepted("/slack/T1/B1/abc");
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_EQ(posts[0]["content_type"], "application/json");
  EXPECT_EQ(posts[0]["json"]["text"],
            "*Klacht INV-7*\nKlant C1 betwist factuur INV-7 (€ 1.234,56). Graag binnen een week "
            "oplossen.");
}

TEST_F(ChatChannelTest, PostsATeamsMessageCardTheWebhookAccepts) {
  auto chat = Channel(ChatFlavor::kTeams);
  const SendOutcome outcome = chat.Send(Message("/teams/webhookb2/x"));
  ASSERT_TRUE(std::holds_alternative<SendReceipt>(outcome))
      << std::get<SendFailure>(outcome).reason;
  EXPECT_EQ(std::get<SendReceipt>(outcome).provider_id, "teams:42");
  const auto posts = Accepted("/teams/webhookb2/x");
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_EQ(posts[0]["json"]["@type"], "MessageCard");
  EXPECT_EQ(posts[0]["json"]["title"], "Klacht INV-7");
  EXPECT_EQ(chat.Status("teams:42"), StatusOutcome(DeliveryState::kDelivered));
}

TEST_F(ChatChannelTest, TheWrongDialectIsRefusedPermanently) {
  // Slack JSON to a Teams hook: the peer answers as Teams does.
  const SendFailure failure = FailureOf(Channel(ChatFlavor::kSlack).Send(Message("/teams/x")));
  EXPECT_EQ(failure.kind, FailureKind::kPermanent);
  EXPECT_EQ(failure.provider_code, "400");
  EXPECT_NE(failure.reason.find("Bad payload"), std::string::npos) << failure.reason;
}

TEST_F(ChatChannelTest, ARevokedOrArchivedHookIsPermanent) {
  auto chat = Channel(ChatFlavor::kSlack);
  const SendFailure gone = FailureOf(chat.Send(Message("/slack/gone")));
  EXPECT_EQ(gone.kind, FailureKind::kPermanent);
  EXPECT_NE(gone.reason.find("no_service"), std::string::npos);
  EXPECT_EQ(FailureOf(chat.Send(Message("/slack/archived"))).provider_code, "410");
}

TEST_F(ChatChannelTest, RateLimitsAreTransientWithRetryAfter) {
  const SendFailure slack = FailureOf(Channel(ChatFlavor::kSlack).Send(Message("/slack/busy")));
  EXPECT_EQ(slack.kind, FailureKind::kTransient);
  EXPECT_EQ(slack.retry_after, seconds(30));
  const SendFailure teams =
      FailureOf(Channel(ChatFlavor::kTeams).Send(Message("/teams/throttled")));
  EXPECT_EQ(teams.kind, FailureKind::kTransient);
}

TEST_F(ChatChannelTest, ADroppedPostIsAnUnknownOutcomeAndABadUrlIsPermanent) {
  auto chat = Channel(ChatFlavor::kSlack);
  EXPECT_EQ(FailureOf(chat.Send(Message("/drop"))).kind, FailureKind::kUnknownOutcome);
  OutboundMessage message = Message("/slack/x");
  message.to = "colleague@example.com";
  EXPECT_EQ(FailureOf(chat.Send(message)).kind, FailureKind::kPermanent);
}

}  // namespace
}  // namespace duly::channels::chat
