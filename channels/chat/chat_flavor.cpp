#include "channels/chat/chat_flavor.h"

#include <algorithm>
#include <cctype>

#include <curl/curl.h>
#include <nlohmann/json.hpp>

namespace duly::channels::chat {

namespace {

std::string LowerHost(std::string_view url) {
  CURLU* parsed = curl_url();
  std::string host;
  const std::string text(url);
  if (curl_url_set(parsed, CURLUPART_URL, text.c_str(), 0) == CURLUE_OK) {
    char* part = nullptr;
    if (curl_url_get(parsed, CURLUPART_HOST, &part, 0) == CURLUE_OK) host = part;
    curl_free(part);
  }
  curl_url_cleanup(parsed);
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return host;
}

bool Under(std::string_view host, std::string_view domain) {
  return host.size() > domain.size() && host.ends_with(domain) &&
         host[host.size() - domain.size() - 1] == '.';
}

// The first line of the text, at most 80 bytes, cut on a UTF-8 boundary.
std::string Summary(const OutboundMessage& message) {
  std::string summary = message.subject.empty() ? message.text : message.subject;
  summary = summary.substr(0, summary.find('\n'));
  if (summary.size() > 80) {
    std::size_t cut = 80;
    while (cut > 0 && (static_cast<unsigned char>(summary[cut]) & 0xC0) == 0x80) --cut;
    summary.resize(cut);
  }
  return summary;
}

}  // namespace

const char* ChatFlavorName(ChatFlavor flavor) {
  return flavor == ChatFlavor::kTeams ? "teams" : "slack";
}

ChatFlavor ChatFlavorFor(std::string_view webhook_url, ChatFlavor fallback) {
  const std::string host = LowerHost(webhook_url);
  if (host == "hooks.slack.com") return ChatFlavor::kSlack;
  if (host == "outlook.office.com" || host == "outlook.office365.com" ||
      Under(host, "webhook.office.com") || Under(host, "logic.azure.com") ||
      Under(host, "powerplatform.com")) {
    return ChatFlavor::kTeams;
  }
  return fallback;
}

std::string ChatPayload(ChatFlavor flavor, const OutboundMessage& message) {
  nlohmann::json payload;
  if (flavor == ChatFlavor::kSlack) {
    payload["text"] =
        message.subject.empty() ? message.text : "*" + message.subject + "*\n" + message.text;
  } else {
    payload["@type"] = "MessageCard";
    payload["@context"] = "https://schema.org/extensions";
    payload["summary"] = Summary(message);
    if (!message.subject.empty()) payload["title"] = message.subject;
    payload["text"] = message.text;
  }
  return payload.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace duly::channels::chat
