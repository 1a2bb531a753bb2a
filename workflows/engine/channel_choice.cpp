#include "workflows/engine/channel_choice.h"

#include <algorithm>
#include <optional>

#include "workflows/workflow.h"

namespace duly {
namespace {

const std::vector<std::string>& DefaultPreference() {
  static const std::vector<std::string> default_preference = {"email", "whatsapp", "sms", "letter"};
  return default_preference;
}

void AddOnce(std::vector<std::string>& channels, const std::string& channel) {
  if (std::find(channels.begin(), channels.end(), channel) == channels.end()) {
    channels.push_back(channel);
  }
}

// When `channel` may be used at or after `now`; a channel without a window is always open.
Instant OpensAt(const QuietHours& quiet_hours, const std::string& channel, Instant now,
                const CustomerPlace& place) {
  if (quiet_hours.WindowFor(channel) == nullptr) return now;
  Result<Instant> next =
      quiet_hours.NextAllowedMoment(now, channel, place.country, place.time_zone);
  // The zone is known (CustomerPlace) and the channel has a window, so this cannot fail; if it
  // ever does, the channel counts as open rather than blocking collection.
  return next ? *next : now;
}

}  // namespace

std::vector<std::string> ExpandChannels(const std::vector<std::string>& channels,
                                        const Customer& customer) {
  std::vector<std::string> expanded;
  for (const std::string& channel : channels) {
    if (channel != kPreferredChannel) {
      AddOnce(expanded, channel);
      continue;
    }
    const std::vector<std::string>& preferred =
        customer.preferred_channels.empty() ? DefaultPreference() : customer.preferred_channels;
    for (const std::string& one : preferred) AddOnce(expanded, one);
  }
  return expanded;
}

bool CanReach(const Customer& customer, std::string_view channel) {
  if (channel == "email") {
    if (!customer.email.empty()) return true;
    return std::any_of(customer.contacts.begin(), customer.contacts.end(),
                       [](const Contact& contact) { return !contact.email.empty(); });
  }
  if (channel == "sms" || channel == "voice") return !customer.phone.empty();
  if (channel == "whatsapp") return !customer.phone.empty() && customer.whatsapp;
  if (channel == "letter")
    return !customer.address.street.empty() && !customer.address.city.empty();
  return channel == "call_task";
}

std::vector<std::string> FallbackChannels(const std::vector<std::string>& channels,
                                          std::string_view chosen, const Customer& customer,
                                          const std::set<std::string>& opted_out) {
  std::vector<std::string> fallbacks;
  bool after_chosen = false;
  for (const std::string& channel : channels) {
    if (channel == chosen) {
      after_chosen = true;
      continue;
    }
    if (after_chosen && channel != "call_task" && CanReach(customer, channel) &&
        !opted_out.contains(channel))
      fallbacks.push_back(channel);
  }
  return fallbacks;
}

ChannelChoice ChooseChannel(const std::vector<std::string>& channels, const Customer& customer,
                            const std::set<std::string>& opted_out, Instant now,
                            const QuietHours& quiet_hours, const CustomerPlace& place) {
  std::optional<Instant> earliest;
  for (const std::string& channel : channels) {
    if (!CanReach(customer, channel) || opted_out.contains(channel)) continue;
    const Instant opens = OpensAt(quiet_hours, channel, now, place);
    if (opens <= now) return {ChannelChoice::Kind::kNow, channel, now};
    if (!earliest || opens < *earliest) earliest = opens;
  }
  if (earliest) return {ChannelChoice::Kind::kLater, "", *earliest};
  return {};
}

}  // namespace duly
