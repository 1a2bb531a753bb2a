// Where a message goes on its channel: the address choice of the composer.
//
// Promise: CustomerAddress picks, for a customer and a channel, the one address the channel
// delivers to: sms and voice -> the customer's phone; whatsapp -> the phone, only when the
// customer's whatsapp flag is set; email -> the customer's e-mail; letter -> the postal address
// (street and city required), as the lines of the envelope window. A channel the customer opted
// out of, or a missing address, is kPolicy naming the customer, the channel and what is missing
// (MessageComposer's "cannot be reached on this channel now": the dispatcher falls back). An
// unknown channel ("chat" for a customer) is kInvalidArgument. ColleagueAddress does the same
// for a colleague: email -> e-mail, sms/whatsapp -> phone, chat -> chat webhook. The opt-outs come
// from Store::OptedOutChannels. Pure; thread-safe.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "workflows/colleague.h"
#include "workflows/customer.h"
#include "workflows/status.h"
#include "workflows/store.h"

namespace duly::channels {

struct PostalLines {
  std::string name;
  std::vector<std::string> lines;  // street, postal code and city, country (when abroad)
};

// The letter recipient; the country line is printed only when it differs from
// `sender_country` (ISO 3166-1 alpha-2), in capitals as the post asks.
Result<PostalLines> CustomerPostalLines(const Customer& customer, std::string_view sender_country);

// The address for `channel`: an E.164 number, an e-mail address, or the postal lines joined by
// ", " for a letter.
Result<std::string> CustomerAddress(const Customer& customer, std::string_view channel,
                                    const std::set<std::string>& opted_out,
                                    std::string_view sender_country);

Result<std::string> ColleagueAddress(const Colleague& colleague, std::string_view channel);

}  // namespace duly::channels
