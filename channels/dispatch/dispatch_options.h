// duly::channels::DispatchOptions: how the outbox dispatcher leases, paces and retries.
//
// Promise: plain settings with the defaults the daemon uses; the lead's config maps onto them.
// `lease` must outlast the slowest round: a leased row waits for its channel's rate limit and
// for a free in-flight slot before its send, so keep batch_size / (slowest rate) + send_timeout
// under it (rows that would not fit are given back, see send_timeout).
// Plain data.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

namespace duly::channels {

// A sender's rate limit: a token bucket of `burst` tokens refilled at `per_second`.
struct ChannelRate {
  double per_second = 0;  // 0: unlimited
  int burst = 1;
};

struct DispatchOptions {
  std::string owner = "dulyd";  // this node's id: the lease owner of every row it takes
  int batch_size = 1000;        // rows leased per DispatchDue
  std::chrono::milliseconds lease{std::chrono::minutes(10)};
  // The longest a send may take to be answered (the channels' own time-outs). A row still
  // waiting for its rate limit when less than this is left of its lease is not sent: it is given
  // back as a transient failure due at once (one attempt counted), never sent on a lease that
  // may run out under it (another node could take the row and send it again).
  std::chrono::milliseconds send_timeout{std::chrono::minutes(2)};
  int max_in_flight = 512;  // sends started and not yet answered, across channels
  int workers = 8;          // threads that compose, write to the store and run synchronous sends
  // What became of each row is recorded in batches (one transaction each): a batch is written
  // once settle_batch rows wait, the oldest has waited settle_delay, or every row of the round
  // is waiting. A row stays leased until its batch commits.
  int settle_batch = 256;
  std::chrono::milliseconds settle_delay{5};
  // Transient failures: full-jitter exponential back-off, uniform in
  // [0, min(retry_cap, retry_base * 2^attempt)], unless the provider gave a Retry-After.
  std::chrono::milliseconds retry_base{std::chrono::seconds(30)};
  std::chrono::milliseconds retry_cap{std::chrono::hours(1)};
  int max_attempts = 8;  // failed attempts after which a row fails for good (and a task opens)
  // An unknown outcome is reconciled with the provider this long after the attempt.
  std::chrono::milliseconds reconcile_delay{std::chrono::minutes(5)};
  std::map<std::string, ChannelRate, std::less<>> rates;  // by channel name; absent: unlimited
  std::optional<std::uint64_t> jitter_seed;               // fixed seed for tests
};

}  // namespace duly::channels
