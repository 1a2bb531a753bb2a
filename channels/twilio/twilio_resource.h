// What the daemon reads from Twilio's JSON answers: a Message or Call resource, a page of the
// Messages list, their status values and RFC 2822 dates.
//
// Promise: ParseTwilioResource returns the resource when `body` is a JSON object with a string
// "sid" (other fields may be null or absent: they come back empty); ParseMessagePage returns the
// "messages" of a list page and its "next_page_uri" ("" on the last page), std::nullopt when the
// body is not such a page. MessageState and CallState map Twilio's status values (RULES.md §7.3;
// Calls: queued ringing in-progress completed busy no-answer failed canceled) to DeliveryState:
// queued/accepted/scheduled/sending/receiving/ringing/initiated -> kAccepted, sent/received/
// in-progress -> kSent, delivered/partially_delivered/completed -> kDelivered, read -> kRead,
// failed/undelivered/busy/no-answer -> kFailed, canceled -> kCanceled; std::nullopt otherwise.
// ParseRfc2822 reads Twilio's dates ("Tue, 24 Nov 2026 22:06:49 +0000", any numeric zone).
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "channels/channel.h"
#include "workflows/calendar_date.h"

namespace duly::channels::twilio {

struct TwilioResource {
  std::string sid;
  std::string status;
  std::string to;
  std::string body;
  std::optional<Instant> date_created;
  std::optional<Instant> date_sent;
};

struct MessagePage {
  std::vector<TwilioResource> messages;
  std::string next_page_uri;
};

std::optional<TwilioResource> ParseTwilioResource(std::string_view body);
std::optional<MessagePage> ParseMessagePage(std::string_view body);

std::optional<DeliveryState> MessageState(std::string_view status);
std::optional<DeliveryState> CallState(std::string_view status);

std::optional<Instant> ParseRfc2822(std::string_view date);

}  // namespace duly::channels::twilio
