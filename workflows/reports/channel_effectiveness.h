// duly::ChannelTally: how often a message to a customer was followed by a payment of one of its
// invoices within the follow-up window (7 days by default), per channel and template.
//
// Promise: a message counts once however many of its invoices were paid; `followed_by_payment`
// <= `messages`. ByChannel() adds the template rows of each channel into one row per channel
// (template ""), channels in name order. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace duly {

struct ChannelTally {
  std::string channel;      // "email", "sms", ...
  std::string template_id;  // the template of the message's first item; "" for a channel total
  std::int64_t messages = 0;
  std::int64_t followed_by_payment = 0;
  friend bool operator==(const ChannelTally&, const ChannelTally&) = default;
};

std::vector<ChannelTally> ByChannel(const std::vector<ChannelTally>& by_template);

}  // namespace duly
