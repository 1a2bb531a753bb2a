#include "channels/dispatch/settlement_queue.h"

#include <algorithm>

namespace duly::channels {

SettlementQueue::SettlementQueue(OutboxStore& outbox, std::string owner, int max_batch,
                                 std::chrono::milliseconds max_delay)
    : outbox_(outbox),
      owner_(std::move(owner)),
      max_batch_(static_cast<std::size_t>(std::max(max_batch, 1))),
      max_delay_(max_delay),
      thread_([this] { Run(); }) {}

SettlementQueue::~SettlementQueue() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void SettlementQueue::Add(MessageSettlement settlement, Recorded recorded) {
  std::lock_guard lock(mutex_);
  queued_.push_back(
      Queued{std::move(settlement), std::move(recorded), std::chrono::steady_clock::now()});
  if (queued_.size() == 1 || queued_.size() >= max_batch_) changed_.notify_one();
}

void SettlementQueue::Flush() {
  std::lock_guard lock(mutex_);
  flush_ = true;
  changed_.notify_one();
}

void SettlementQueue::Run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (queued_.empty()) {
      flush_ = false;
      if (stopping_) return;
      changed_.wait(lock);
      continue;
    }
    const auto due = queued_.front().since + max_delay_;
    if (!flush_ && !stopping_ && queued_.size() < max_batch_ &&
        std::chrono::steady_clock::now() < due) {
      changed_.wait_until(lock, due);
      continue;
    }
    const std::size_t count = std::min(queued_.size(), max_batch_);
    std::vector<Queued> batch(std::make_move_iterator(queued_.begin()),
                              std::make_move_iterator(queued_.begin() + static_cast<long>(count)));
    queued_.erase(queued_.begin(), queued_.begin() + static_cast<long>(count));
    if (queued_.empty()) flush_ = false;
    lock.unlock();
    Write(batch);
    lock.lock();
  }
}

void SettlementQueue::Write(std::vector<Queued>& batch) {
  std::vector<MessageSettlement> settlements;
  settlements.reserve(batch.size());
  for (const Queued& queued : batch) settlements.push_back(queued.settlement);
  Result<std::vector<Status>> written = outbox_.SettleMessages(settlements, owner_);
  if (written) {
    for (std::size_t i = 0; i < batch.size(); ++i) {
      batch[i].recorded(
          i < written->size()
              ? (*written)[i]
              : Status(InternalError("the store answered " + std::to_string(written->size()) +
                                     " of " + std::to_string(batch.size()) + " settlements")));
    }
    return;
  }
  // The transaction failed: nothing of it was recorded. Each row on its own, so that one row the
  // database refuses does not take the others with it.
  for (Queued& queued : batch) {
    Result<std::vector<Status>> alone = outbox_.SettleMessages({queued.settlement}, owner_);
    if (!alone) {
      queued.recorded(Status(std::move(alone).error()));
    } else if (alone->empty()) {
      queued.recorded(Status(InternalError("the store answered no settlement")));
    } else {
      queued.recorded(alone->front());
    }
  }
}

}  // namespace duly::channels
