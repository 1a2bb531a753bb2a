// duly::CustomerPlace: where a debtor lives, as the engine's calendar needs it.
//
// Promise: the time zone is the customer's own when it is a known IANA zone, else
// options.default_time_zone when known, else kDefaultTimeZone, so the result is always a known
// zone. The country (for public holidays) is the customer's address country, else
// options.default_country. Pure; safe from any thread.
#pragma once

#include <string>

#include "workflows/customer.h"
#include "workflows/engine/engine_options.h"

namespace duly {

struct CustomerPlace {
  std::string time_zone;  // IANA zone, always known
  std::string country;    // ISO 3166-1 alpha-2
};

// `customer` may be null (the invoice is gone): the defaults apply.
CustomerPlace PlaceOf(const Customer* customer, const EngineOptions& options);

// `zone` when known, else options.default_time_zone when known, else kDefaultTimeZone.
std::string KnownZoneOr(std::string_view zone, const EngineOptions& options);

}  // namespace duly
