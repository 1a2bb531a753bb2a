// Which incoming-webhook dialect a chat webhook URL speaks: Slack or Microsoft Teams.
//
// Promise: ChatFlavorFor returns kSlack for https URLs on hooks.slack.com, kTeams for
// outlook.office.com, outlook.office365.com and any host under .webhook.office.com (the
// Workflows/Power Automate hosts under .logic.azure.com and .powerplatform.com included),
// and `fallback` for any other URL (a self-hosted relay, a test peer). Hosts are compared
// whole and case-insensitively, so "hooks.slack.com.example.org" is not Slack.
// ChatPayload renders the JSON body the flavor expects: Slack {"text": ...} with the subject in
// bold on its first line; Teams a MessageCard {"@type":"MessageCard","@context":
// "https://schema.org/extensions","summary","title","text"}.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "channels/outbound_message.h"

namespace duly::channels::chat {

enum class ChatFlavor { kSlack, kTeams };

const char* ChatFlavorName(ChatFlavor flavor);  // "slack", "teams"

ChatFlavor ChatFlavorFor(std::string_view webhook_url, ChatFlavor fallback);

std::string ChatPayload(ChatFlavor flavor, const OutboundMessage& message);

}  // namespace duly::channels::chat
