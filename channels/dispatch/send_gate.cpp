#include "channels/dispatch/send_gate.h"

#include <algorithm>
#include <utility>

namespace duly::channels {

SendGate::SendGate(SendTimer& timer, const std::map<std::string, ChannelRate, std::less<>>& rates,
                   int max_in_flight)
    : timer_(timer), rates_(rates), max_in_flight_(std::max(max_in_flight, 1)) {}

SendGate::Lane& SendGate::LaneFor(const std::string& channel) {
  auto lane = lanes_.find(channel);
  if (lane == lanes_.end()) {
    const auto rate = rates_.find(channel);
    const ChannelRate limit = rate == rates_.end() ? ChannelRate{} : rate->second;
    lane =
        lanes_.emplace(channel, Lane{TokenBucket(limit.per_second, limit.burst), {}, false}).first;
  }
  return lane->second;
}

void SendGate::Enqueue(const std::string& channel, std::function<void()> start) {
  Ready ready;
  {
    std::lock_guard lock(mutex_);
    LaneFor(channel).waiting.push_back(std::move(start));
    ++queued_;
    ready = TakeReady();
  }
  Release(std::move(ready));
}

void SendGate::Finished() {
  Ready ready;
  {
    std::lock_guard lock(mutex_);
    --in_flight_;
    ready = TakeReady();
    NotifyIfQuiet();
  }
  Release(std::move(ready));
}

void SendGate::TimerFired(Lane& lane) {
  Ready ready;
  {
    std::lock_guard lock(mutex_);
    lane.timer_pending = false;
    --timers_pending_;
    ready = TakeReady();
    NotifyIfQuiet();
  }
  Release(std::move(ready));
}

SendGate::Ready SendGate::TakeReady() {
  Ready ready;
  const Instant now = timer_.Now();
  for (auto& [channel, lane] : lanes_) {
    // A pending timer task takes the lane's next token; until it runs the lane waits.
    while (!lane.waiting.empty() && !lane.timer_pending && in_flight_ < max_in_flight_) {
      if (const std::optional<Instant> next = lane.bucket.TryTake(now)) {
        lane.timer_pending = true;
        ++timers_pending_;
        ready.timers.emplace_back(&lane, *next);
        break;
      }
      ready.starts.push_back(std::move(lane.waiting.front()));
      lane.waiting.pop_front();
      --queued_;
      ++in_flight_;
      most_in_flight_ = std::max(most_in_flight_, in_flight_);
    }
  }
  return ready;
}

void SendGate::NotifyIfQuiet() {
  if (queued_ == 0 && in_flight_ == 0 && timers_pending_ == 0) quiet_.notify_all();
}

void SendGate::Release(Ready ready) {
  for (auto& [lane, at] : ready.timers) {
    timer_.RunAt(at, [this, lane = lane] { TimerFired(*lane); });
  }
  for (auto& start : ready.starts) start();
}

void SendGate::WaitQuiet() {
  std::unique_lock lock(mutex_);
  quiet_.wait(lock, [this] { return queued_ == 0 && in_flight_ == 0 && timers_pending_ == 0; });
}

std::int64_t SendGate::in_flight() const {
  std::lock_guard lock(mutex_);
  return in_flight_;
}

std::int64_t SendGate::most_in_flight() const {
  std::lock_guard lock(mutex_);
  return most_in_flight_;
}

}  // namespace duly::channels
