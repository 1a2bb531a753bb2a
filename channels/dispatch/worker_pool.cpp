#include "channels/dispatch/worker_pool.h"

#include <algorithm>
#include <cstddef>
#include <utility>

namespace duly::channels {

WorkerPool::WorkerPool(int threads) {
  const auto count = static_cast<std::size_t>(std::max(threads, 1));
  threads_.reserve(count);
  for (std::size_t i = 0; i < count; ++i) threads_.emplace_back([this] { Run(); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  for (std::thread& thread : threads_) thread.join();
}

void WorkerPool::Post(std::function<void()> task) {
  // Notified under the lock: once the task is queued a worker may run it and end the round, and
  // the pool may be destroyed before a notify made after unlocking would touch changed_.
  std::lock_guard lock(mutex_);
  tasks_.push_back(std::move(task));
  changed_.notify_one();
}

void WorkerPool::Run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
    if (tasks_.empty()) return;  // stopping, and the queue has drained
    std::function<void()> task = std::move(tasks_.front());
    tasks_.pop_front();
    lock.unlock();
    task();
    lock.lock();
  }
}

}  // namespace duly::channels
