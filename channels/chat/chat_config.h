// duly::channels::chat::ChatConfig: how the chat channel posts to incoming webhooks.
//
// Promise: plain configuration for ChatChannel. `default_flavor` is the dialect for webhook URLs
// whose host names neither Slack nor Teams (chat_flavor.h). Thread-safety: plain data.
#pragma once

#include <chrono>

#include "channels/chat/chat_flavor.h"

namespace duly::channels::chat {

struct ChatConfig {
  ChatFlavor default_flavor = ChatFlavor::kSlack;
  std::chrono::milliseconds request_timeout{10000};
  std::chrono::milliseconds connect_timeout{5000};
};

}  // namespace duly::channels::chat
