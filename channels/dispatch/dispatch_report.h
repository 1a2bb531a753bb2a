// duly::channels::DispatchReport: what one DispatchDue did.
//
// Promise: each leased row is counted once under what became of it (sent, failed, fell_back,
// unknown, canceled, retried), or under lease_lost / store_errors when the store refused to
// record it. `reconciled` counts rows found at the provider by Reconcile (also counted as sent).
// send_latency_us holds, per send that was started, the time from StartSend to its answer.
// Plain data.
#pragma once

#include <chrono>
#include <cstdint>
#include <vector>

namespace duly::channels {

struct DispatchReport {
  std::int64_t leased = 0;
  std::int64_t sent = 0;
  std::int64_t failed = 0;     // failed for good (a task was opened)
  std::int64_t fell_back = 0;  // moved to the next channel
  std::int64_t unknown = 0;    // outcome unknown: waits for reconciliation
  std::int64_t canceled = 0;
  std::int64_t retried = 0;     // transient failure: pending again later
  std::int64_t reconciled = 0;  // found at the provider after an unknown outcome
  std::int64_t lease_lost = 0;  // kConflict from the store: another node holds the row now
  std::int64_t store_errors = 0;
  std::int64_t most_in_flight = 0;  // highest number of sends in flight at once, ever
  std::vector<std::int64_t> send_latency_us;

  // The q-quantile (0..1) of send_latency_us, nearest rank; zero when no send ran.
  std::chrono::microseconds Latency(double q) const;
};

}  // namespace duly::channels
