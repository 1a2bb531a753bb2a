// duly::daemon::HistoryHash: the hash that chains the event history.
//
// Promise: HistoryHash(event) is the lower-case hex SHA-256 of this exact byte string:
//   "duly-event-v1\n" followed by eight fields in this order:
//     seq (decimal), at (epoch milliseconds UTC, decimal), type, customer, invoice, actor,
//     payload, prev_hash
//   each written as <decimal byte length> ':' <bytes> '\n'.
// Example: seq 1 at 0 of type "x", everything else empty, hashes
//   "duly-event-v1\n1:1\n1:0\n1:x\n0:\n0:\n0:\n0:\n0:\n".
// event.hash itself is not an input. Changing this format breaks every stored chain: add a new
// version prefix instead. Pure function; thread-safe.
#pragma once

#include <string>

#include "workflows/event.h"

namespace duly::daemon {

std::string HistoryHash(const Event& event);

}  // namespace duly::daemon
