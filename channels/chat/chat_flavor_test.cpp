#include "channels/chat/chat_flavor.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace duly::channels::chat {
namespace {

TEST(ChatFlavorTest, ChoosesTheDialectByTheWebhooksHost) {
  EXPECT_EQ(ChatFlavorFor("https://hooks.slack.com/services/T000/B000/XXXX", ChatFlavor::kTeams),
            ChatFlavor::kSlack);
  EXPECT_EQ(ChatFlavorFor("https://Hooks.Slack.com/services/T/B/X", ChatFlavor::kTeams),
            ChatFlavor::kSlack);
  EXPECT_EQ(
      ChatFlavorFor("https://contoso.webhook.office.com/webhookb2/abc@def/IncomingWebhook/x/y",
                    ChatFlavor::kSlack),
      ChatFlavor::kTeams);
  EXPECT_EQ(ChatFlavorFor("https://outlook.office.com/webhook/abc", ChatFlavor::kSlack),
            ChatFlavor::kTeams);
  EXPECT_EQ(ChatFlavorFor("https://prod-12.westeurope.logic.azure.com:443/workflows/x",
                          ChatFlavor::kSlack),
            ChatFlavor::kTeams);
  // Look-alike hosts and anything else take the configured default.
  EXPECT_EQ(ChatFlavorFor("https://hooks.slack.com.example.org/x", ChatFlavor::kTeams),
            ChatFlavor::kTeams);
  EXPECT_EQ(ChatFlavorFor("https://evilwebhook.office.com/x", ChatFlavor::kSlack),
            ChatFlavor::kSlack);
  EXPECT_EQ(ChatFlavorFor("http://127.0.0.1:8080/teams/x", ChatFlavor::kTeams), ChatFlavor::kTeams);
  EXPECT_EQ(ChatFlavorFor("not a url", ChatFlavor::kSlack), ChatFlavor::kSlack);
}

OutboundMessage Colleague(std::string subject, std::string text) {
  OutboundMessage message;
  message.channel = "chat";
  message.colleague = "E7";
  message.subject = std::move(subject);
  message.text = std::move(text);
  return message;
}

TEST(ChatFlavorTest, SlackGetsTextWithTheSubjectInBold) {
  const auto payload = nlohmann::json::parse(
      ChatPayload(ChatFlavor::kSlack, Colleague("Klacht over INV-7", "Graag nakijken: € 12,50")));
  EXPECT_EQ(payload, nlohmann::json({{"text", "*Klacht over INV-7*\nGraag nakijken: € 12,50"}}));
  EXPECT_EQ(nlohmann::json::parse(ChatPayload(ChatFlavor::kSlack, Colleague("", "Alleen tekst"))),
            nlohmann::json({{"text", "Alleen tekst"}}));
}

TEST(ChatFlavorTest, TeamsGetsAMessageCard) {
  const auto payload = nlohmann::json::parse(
      ChatPayload(ChatFlavor::kTeams, Colleague("Réclamation INV-7", "À vérifier avant vendredi")));
  EXPECT_EQ(payload["@type"], "MessageCard");
  EXPECT_EQ(payload["@context"], "https://schema.org/extensions");
  EXPECT_EQ(payload["title"], "Réclamation INV-7");
  EXPECT_EQ(payload["summary"], "Réclamation INV-7");
  EXPECT_EQ(payload["text"], "À vérifier avant vendredi");
  const auto untitled = nlohmann::json::parse(
      ChatPayload(ChatFlavor::kTeams, Colleague("", std::string(100, 'x') + "\nsecond line")));
  EXPECT_FALSE(untitled.contains("title"));
  EXPECT_EQ(untitled["summary"], std::string(80, 'x'));
}

}  // namespace
}  // namespace duly::channels::chat
