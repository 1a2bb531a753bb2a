// duly::channels::SettlementQueue: records what became of leased outbox rows in batches
// (OutboxStore::SettleMessages), so the dispatcher pays one transaction and one commit per batch
// instead of one per message.
//
// Promise: Add(settlement, recorded) queues one row's settlement. The queue's own thread writes
// the queued settlements, oldest first and at most `max_batch` in one SettleMessages call, as
// soon as `max_batch` are waiting, the oldest has waited `max_delay`, or Flush() asked for it;
// then it calls each one's `recorded` with that row's Status, in order, on the queue's thread
// (callbacks must not block long: hand store writes on to a worker). When the batch as a whole
// fails (its transaction), each of its rows is written again on its own, so a row the database
// refuses cannot take the others with it. Until its batch commits a row stays leased: a crash in
// between leaves it to expire and be taken over with needs_reconcile set (never lost, never sent
// twice without asking the provider). The destructor writes what is still queued, then joins.
// Thread-safety: Add and Flush are safe from any thread, including inside a `recorded` callback;
// the OutboxStore must allow calls from the queue's thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "workflows/engine/outbox_store.h"

namespace duly::channels {

class SettlementQueue {
 public:
  using Recorded = std::function<void(const Status&)>;

  // max_batch < 1 is taken as 1.
  SettlementQueue(OutboxStore& outbox, std::string owner, int max_batch,
                  std::chrono::milliseconds max_delay);
  ~SettlementQueue();
  SettlementQueue(const SettlementQueue&) = delete;
  SettlementQueue& operator=(const SettlementQueue&) = delete;

  void Add(MessageSettlement settlement, Recorded recorded);
  // Writes what is queued now, without waiting for a full batch or the delay.
  void Flush();

 private:
  struct Queued {
    MessageSettlement settlement;
    Recorded recorded;
    std::chrono::steady_clock::time_point since;
  };

  void Run();
  void Write(std::vector<Queued>& batch);

  OutboxStore& outbox_;
  const std::string owner_;
  const std::size_t max_batch_;
  const std::chrono::milliseconds max_delay_;
  std::mutex mutex_;  // guards the members below
  std::condition_variable changed_;
  std::deque<Queued> queued_;
  bool flush_ = false;
  bool stopping_ = false;
  std::thread thread_;  // last: started once the rest exists
};

}  // namespace duly::channels
