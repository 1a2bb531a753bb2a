#include "channels/twilio/twilio_resource.h"

#include <array>
#include <charconv>
#include <chrono>

#include <nlohmann/json.hpp>

namespace duly::channels::twilio {

namespace {

using nlohmann::json;

std::string StringField(const json& object, const char* name) {
  const auto found = object.find(name);
  if (found == object.end() || !found->is_string()) return {};
  return found->get<std::string>();
}

TwilioResource ResourceFrom(const json& object) {
  TwilioResource resource;
  resource.sid = StringField(object, "sid");
  resource.status = StringField(object, "status");
  resource.to = StringField(object, "to");
  resource.body = StringField(object, "body");
  resource.date_created = ParseRfc2822(StringField(object, "date_created"));
  resource.date_sent = ParseRfc2822(StringField(object, "date_sent"));
  return resource;
}

std::optional<int> Number(std::string_view text) {
  int value = 0;
  const auto* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || stop != end) return std::nullopt;
  return value;
}

}  // namespace

std::optional<TwilioResource> ParseTwilioResource(std::string_view body) {
  const json parsed = json::parse(body, nullptr, false);
  if (!parsed.is_object() || !parsed.contains("sid") || !parsed["sid"].is_string()) {
    return std::nullopt;
  }
  return ResourceFrom(parsed);
}

std::optional<MessagePage> ParseMessagePage(std::string_view body) {
  const json parsed = json::parse(body, nullptr, false);
  if (!parsed.is_object() || !parsed.contains("messages") || !parsed["messages"].is_array()) {
    return std::nullopt;
  }
  MessagePage page;
  for (const json& message : parsed["messages"]) {
    if (message.is_object()) page.messages.push_back(ResourceFrom(message));
  }
  page.next_page_uri = StringField(parsed, "next_page_uri");
  return page;
}

std::optional<DeliveryState> MessageState(std::string_view status) {
  if (status == "queued" || status == "accepted" || status == "scheduled" || status == "sending" ||
      status == "receiving") {
    return DeliveryState::kAccepted;
  }
  if (status == "sent" || status == "received") return DeliveryState::kSent;
  if (status == "delivered" || status == "partially_delivered") return DeliveryState::kDelivered;
  if (status == "read") return DeliveryState::kRead;
  if (status == "failed" || status == "undelivered") return DeliveryState::kFailed;
  if (status == "canceled") return DeliveryState::kCanceled;
  return std::nullopt;
}

std::optional<DeliveryState> CallState(std::string_view status) {
  if (status == "queued" || status == "initiated" || status == "ringing") {
    return DeliveryState::kAccepted;
  }
  if (status == "in-progress") return DeliveryState::kSent;
  if (status == "completed") return DeliveryState::kDelivered;
  if (status == "busy" || status == "no-answer" || status == "failed") {
    return DeliveryState::kFailed;
  }
  if (status == "canceled") return DeliveryState::kCanceled;
  return std::nullopt;
}

std::optional<Instant> ParseRfc2822(std::string_view date) {
  // [Ddd, ]DD Mon YYYY HH:MM:SS +HHMM
  if (const auto comma = date.find(','); comma != std::string_view::npos) {
    date.remove_prefix(comma + 1);
  }
  std::array<std::string_view, 5> parts;
  std::size_t count = 0;
  while (count < parts.size()) {
    const auto start = date.find_first_not_of(' ');
    if (start == std::string_view::npos) break;
    date.remove_prefix(start);
    const auto end = date.find(' ');
    parts[count++] = date.substr(0, end);
    if (end == std::string_view::npos) break;
    date.remove_prefix(end);
  }
  if (count != 5) return std::nullopt;
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  unsigned month = 0;
  for (unsigned i = 0; i < kMonths.size(); ++i) {
    if (parts[1] == kMonths[i]) month = i + 1;
  }
  const auto day = Number(parts[0]);
  const auto year = Number(parts[2]);
  const std::string_view clock = parts[3];
  const std::string_view zone = parts[4];
  if (month == 0 || !day || !year || clock.size() != 8 || clock[2] != ':' || clock[5] != ':' ||
      zone.size() != 5 || (zone[0] != '+' && zone[0] != '-')) {
    return std::nullopt;
  }
  const auto hours = Number(clock.substr(0, 2));
  const auto minutes = Number(clock.substr(3, 2));
  const auto seconds = Number(clock.substr(6, 2));
  const auto zone_hours = Number(zone.substr(1, 2));
  const auto zone_minutes = Number(zone.substr(3, 2));
  if (!hours || !minutes || !seconds || !zone_hours || !zone_minutes) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{*year}, std::chrono::month{month},
                                        std::chrono::day{static_cast<unsigned>(*day)}};
  if (!ymd.ok()) return std::nullopt;
  const auto offset =
      std::chrono::minutes((*zone_hours * 60 + *zone_minutes) * (zone[0] == '-' ? -1 : 1));
  const auto local = std::chrono::sys_days(ymd) + std::chrono::hours(*hours) +
                     std::chrono::minutes(*minutes) + std::chrono::seconds(*seconds);
  return std::chrono::time_point_cast<std::chrono::milliseconds>(local - offset);
}

}  // namespace duly::channels::twilio
