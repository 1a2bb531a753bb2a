// duly::channels::ThreadedChannel: gives a channel whose sends block (SMTP, the letter spool) a
// StartSend that does not block the dispatcher.
//
// Promise: wraps `inner` (which it owns) and runs each StartSend's Send on one of `threads`
// worker threads of its own, in the order started; `done` runs on that worker. Send, Status,
// Cancel and Reconcile pass straight through on the caller's thread. The destructor finishes
// every send already started (each `done` runs exactly once) before it returns. Standard threads
// rather than Asio keep the channels room free of the network library.
// Thread-safety: all methods may be called from any thread.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "channels/channel.h"

namespace duly::channels {

class ThreadedChannel final : public Channel {
 public:
  ThreadedChannel(std::unique_ptr<Channel> inner, int threads);
  ~ThreadedChannel() override;
  ThreadedChannel(const ThreadedChannel&) = delete;
  ThreadedChannel& operator=(const ThreadedChannel&) = delete;

  std::string_view name() const override { return inner_->name(); }
  SendOutcome Send(const OutboundMessage& message) override { return inner_->Send(message); }
  StatusOutcome Status(const std::string& provider_id) override {
    return inner_->Status(provider_id);
  }
  StatusOutcome Cancel(const std::string& provider_id) override {
    return inner_->Cancel(provider_id);
  }
  void StartSend(const OutboundMessage& message, SendDone done) override;
  ReconcileOutcome Reconcile(const OutboundMessage& message, Instant attempted_at) override {
    return inner_->Reconcile(message, attempted_at);
  }

 private:
  void Work();

  std::unique_ptr<Channel> inner_;
  std::mutex mutex_;  // guards queue_ and stopping_
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;  // last: started after everything they use
};

}  // namespace duly::channels
