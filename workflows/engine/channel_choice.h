// duly::ChooseChannel: which channel a message (or call task) step uses now, if any.
//
// Promise: a channel is a candidate when the customer is reachable on it (email: the customer's
// or a contact's e-mail; sms, voice: a phone; whatsapp: a phone that takes WhatsApp; letter:
// street and city; call_task: always, collectors find the number) and has not opted out of it.
// The first candidate, in the step's order, whose quiet-hours window is open at `now` wins
// (kNow). When candidates exist but all are closed now, kLater gives the earliest moment one of
// them opens. Without candidates the answer is kNone. A channel the quiet-hours policy does not
// name is open at any time. ExpandChannels replaces "preferred" by the customer's preferred
// channels (email, whatsapp, sms, letter when the customer has none) and drops repeats.
// Pure; safe from any thread.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "workflows/calendar_date.h"
#include "workflows/customer.h"
#include "workflows/engine/customer_place.h"
#include "workflows/quiet_hours.h"

namespace duly {

struct ChannelChoice {
  enum class Kind { kNow, kLater, kNone };
  Kind kind = Kind::kNone;
  std::string channel;  // kNow: the channel to use
  Instant at{};         // kNow: `now`; kLater: the earliest moment a candidate opens
};

std::vector<std::string> ExpandChannels(const std::vector<std::string>& channels,
                                        const Customer& customer);

// True when the customer has the contact `channel` needs.
bool CanReach(const Customer& customer, std::string_view channel);

// The channels after `chosen` in `channels` (already expanded) that the customer can be reached on
// and has not opted out of, in order: where a message falls back to after a permanent failure.
std::vector<std::string> FallbackChannels(const std::vector<std::string>& channels,
                                          std::string_view chosen, const Customer& customer,
                                          const std::set<std::string>& opted_out);

ChannelChoice ChooseChannel(const std::vector<std::string>& channels, const Customer& customer,
                            const std::set<std::string>& opted_out, Instant now,
                            const QuietHours& quiet_hours, const CustomerPlace& place);

}  // namespace duly
