#include "channels/dispatch/testdata/manual_send_timer.h"

#include <vector>

namespace duly::channels {

void ManualSendTimer::RunAt(Instant at, std::function<void()> task) {
  // Notified under the lock: the task may end a round whose owner then destroys this timer.
  std::lock_guard lock(mutex_);
  tasks_.emplace(std::make_pair(at, sequence_++), std::move(task));
  changed_.notify_all();
}

int ManualSendTimer::FireNext() {
  std::vector<std::function<void()>> due;
  {
    std::lock_guard lock(mutex_);
    if (tasks_.empty()) return 0;
    const Instant at = tasks_.begin()->first.first;
    if (at > clock_.Now()) clock_.Set(at);
    while (!tasks_.empty() && tasks_.begin()->first.first <= clock_.Now()) {
      due.push_back(std::move(tasks_.begin()->second));
      tasks_.erase(tasks_.begin());
    }
  }
  for (auto& task : due) task();
  return static_cast<int>(due.size());
}

bool ManualSendTimer::WaitForPending(std::size_t count, std::chrono::milliseconds bound) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, bound, [this, count] { return tasks_.size() >= count; });
}

std::size_t ManualSendTimer::pending() const {
  std::lock_guard lock(mutex_);
  return tasks_.size();
}

std::optional<Instant> ManualSendTimer::next() const {
  std::lock_guard lock(mutex_);
  if (tasks_.empty()) return std::nullopt;
  return tasks_.begin()->first.first;
}

}  // namespace duly::channels
