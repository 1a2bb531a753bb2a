#include "channels/dispatch/thread_send_timer.h"

namespace duly::channels {

ThreadSendTimer::ThreadSendTimer(const Clock& clock) : clock_(clock), thread_([this] { Run(); }) {}

ThreadSendTimer::~ThreadSendTimer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void ThreadSendTimer::RunAt(Instant at, std::function<void()> task) {
  // Notified under the lock: the task may end a round whose owner then destroys this timer.
  std::lock_guard lock(mutex_);
  tasks_.emplace(std::make_pair(at, sequence_++), std::move(task));
  changed_.notify_all();
}

void ThreadSendTimer::Run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (tasks_.empty()) {
      changed_.wait(lock);
      continue;
    }
    const auto first = tasks_.begin();
    const auto wait = first->first.first - clock_.Now();
    if (wait > std::chrono::milliseconds::zero()) {
      changed_.wait_for(lock, wait);
      continue;
    }
    std::function<void()> task = std::move(first->second);
    tasks_.erase(first);
    lock.unlock();
    task();
    lock.lock();
  }
}

}  // namespace duly::channels
