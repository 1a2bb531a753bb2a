// duly::channels::SendGate: decides when each composed message may start its send: one queue
// per channel, a token bucket per channel, and one limit on sends in flight across channels.
//
// Promise: Enqueue(channel, start) queues `start` behind that channel's earlier ones; a start
// runs (on the calling thread of Enqueue, Finished or the timer, outside the gate's lock) once
// its channel's bucket has a token and fewer than max_in_flight sends are in flight; it then
// counts as in flight until Finished() is called for it. A channel whose bucket is empty waits on
// the SendTimer (one pending timer task per channel, never a thread per message) while other
// channels go on. Starts must not block: they hand the send to a worker.
// WaitQuiet() returns once nothing is queued, nothing is in flight and no timer task is pending,
// so the owner may be destroyed afterwards.
// Thread-safety: every method is safe from any thread; mutex_ guards the state.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "channels/dispatch/dispatch_options.h"
#include "channels/dispatch/send_timer.h"
#include "channels/dispatch/token_bucket.h"

namespace duly::channels {

class SendGate {
 public:
  SendGate(SendTimer& timer, const std::map<std::string, ChannelRate, std::less<>>& rates,
           int max_in_flight);
  SendGate(const SendGate&) = delete;
  SendGate& operator=(const SendGate&) = delete;

  void Enqueue(const std::string& channel, std::function<void()> start);
  void Finished();
  void WaitQuiet();

  std::int64_t in_flight() const;
  std::int64_t most_in_flight() const;  // the highest in_flight seen since construction

 private:
  struct Lane {
    TokenBucket bucket;
    std::deque<std::function<void()>> waiting;
    bool timer_pending = false;
  };
  // What became possible: starts to run and timer tasks to ask for, both after unlocking (a
  // timer may run a task at once, and the task takes the lock).
  struct Ready {
    std::vector<std::function<void()>> starts;
    std::vector<std::pair<Lane*, Instant>> timers;
  };
  Ready TakeReady();                          // REQUIRES: mutex_ held
  Lane& LaneFor(const std::string& channel);  // REQUIRES: mutex_ held
  void NotifyIfQuiet();                       // REQUIRES: mutex_ held
  void Release(Ready ready);                  // REQUIRES: mutex_ not held
  void TimerFired(Lane& lane);

  SendTimer& timer_;
  const std::map<std::string, ChannelRate, std::less<>> rates_;
  const std::int64_t max_in_flight_;
  mutable std::mutex mutex_;  // guards the members below
  std::condition_variable quiet_;
  std::map<std::string, Lane, std::less<>> lanes_;
  std::int64_t in_flight_ = 0;
  std::int64_t most_in_flight_ = 0;
  std::int64_t queued_ = 0;
  std::int64_t timers_pending_ = 0;
};

}  // namespace duly::channels
