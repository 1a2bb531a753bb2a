#include "channels/threaded_channel.h"

#include <utility>

namespace duly::channels {

ThreadedChannel::ThreadedChannel(std::unique_ptr<Channel> inner, int threads)
    : inner_(std::move(inner)) {
  const int count = threads < 1 ? 1 : threads;
  workers_.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) workers_.emplace_back([this] { Work(); });
}

ThreadedChannel::~ThreadedChannel() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread& worker : workers_) worker.join();
}

void ThreadedChannel::StartSend(const OutboundMessage& message, SendDone done) {
  {
    std::lock_guard lock(mutex_);
    queue_.emplace_back([this, message, done = std::move(done)] { done(inner_->Send(message)); });
  }
  wake_.notify_one();
}

void ThreadedChannel::Work() {
  for (;;) {
    std::function<void()> send;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and every started send has run
      send = std::move(queue_.front());
      queue_.pop_front();
    }
    send();
  }
}

}  // namespace duly::channels
