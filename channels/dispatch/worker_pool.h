// duly::channels::WorkerPool: a fixed set of threads that run posted tasks in order of posting.
//
// Promise: Post never blocks on the work; each task runs once on one of the pool's threads.
// The destructor lets the queue drain, then joins the threads. Tasks may Post more tasks.
// The dispatcher runs its blocking work here (composing, store writes, synchronous sends), so
// neither a channel's transfer thread nor the timer thread ever waits for a database.
// Thread-safety: Post is safe from any thread, including the pool's own.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace duly::channels {

class WorkerPool {
 public:
  // threads < 1 is taken as 1.
  explicit WorkerPool(int threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void Post(std::function<void()> task);

 private:
  void Run();

  std::mutex mutex_;  // guards the members below
  std::condition_variable changed_;
  std::deque<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;  // last: started once the queue exists
};

}  // namespace duly::channels
