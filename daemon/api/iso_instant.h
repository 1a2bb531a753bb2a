// ParseIsoInstant: an ISO 8601 instant with an explicit offset, as the API and dulyd's flags
// accept it.
//
// Promise: accepts "YYYY-MM-DDTHH:MM[:SS[.fff]]" followed by "Z" or "+HH:MM"/"-HH:MM" and
// returns the UTC instant (milliseconds); anything else (no offset, an impossible date, trailing
// text) is kInvalidArgument naming what is expected. Pure; thread-safe.
#pragma once

#include <string_view>

#include "workflows/calendar_date.h"
#include "workflows/status.h"

namespace duly::daemon {

Result<Instant> ParseIsoInstant(std::string_view text);

}  // namespace duly::daemon
