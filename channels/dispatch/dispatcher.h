// duly::channels::Dispatcher: takes due outbox rows and makes each one arrive, or says why not.
//
// Promise: DispatchDue() leases up to options.batch_size due rows (owner options.owner, lease
// options.lease) and settles every one before it returns:
//   needs_reconcile  the row is composed and Channel::Reconcile asks the provider whether the
//                    earlier attempt arrived: a receipt marks it sent with that id; kNotFound
//                    sends it as usual; a SendFailure fails it for good and opens a
//                    kUnknownOutcome task (a person checks); another error asks again later.
//   compose errors   (message_composer.h) kNotFound cancels the row; kInvalidArgument fails it
//                    for good with a kFailedMessage task; kPolicy (the recipient cannot be
//                    reached on this channel: the composer's "failed precondition") is a
//                    permanent failure of the channel; anything else is transient.
//   send outcomes    a receipt marks it sent with the provider's id; kTransient makes it pending
//                    again after Retry-After when the provider gave one, else after a
//                    full-jitter exponential back-off, and after options.max_attempts failed
//                    attempts fails it for good with a task; kPermanent falls back to the first
//                    of the row's fallbacks (re-composed for that channel when next leased), or
//                    fails it for good with a kFailedMessage task naming the reason;
//                    kUnknownOutcome marks it unknown (reconciled options.reconcile_delay after
//                    the attempt), never resent blindly.
// A row whose channel is not configured is a permanent failure of that channel. A row still
// waiting for its rate limit when less than options.send_timeout is left of its lease is given
// back (transient, due at once) rather than sent on a lease that may run out. Sends go through
// Channel::StartSend, up to options.max_in_flight at once across channels, each channel paced by
// its token bucket (options.rates) on `timer` without holding a thread per waiting message.
// Composing, store writes and synchronous channels run on options.workers threads of the
// dispatcher's own. A store error while recording (kConflict: the lease was lost) is logged and
// counted in the report, never fatal; DispatchDue fails only when leasing fails.
// Outcomes are recorded in batches (settlement_queue.h: options.settle_batch rows or
// options.settle_delay, and at once when every row of the round waits for its batch), so a round
// costs a few transactions, not one per row; a row's task (kFailedMessage, kUnknownOutcome) is
// created after its failure is recorded. DispatchDue returns once every leased row is recorded.
// Thread-safety: DispatchDue calls are serialised (one round at a time); NextDue may run
// concurrently. Ownership: every reference must outlive the Dispatcher; the channels, composer
// and stores must allow concurrent calls (their headers promise it).
#pragma once

#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "channels/channel.h"
#include "channels/dispatch/dispatch_options.h"
#include "channels/dispatch/dispatch_report.h"
#include "channels/dispatch/retry_backoff.h"
#include "channels/dispatch/send_gate.h"
#include "channels/dispatch/send_timer.h"
#include "channels/dispatch/settlement_queue.h"
#include "channels/dispatch/worker_pool.h"
#include "channels/message_composer.h"
#include "workflows/clock.h"
#include "workflows/engine/outbox_store.h"
#include "workflows/task_store.h"

namespace duly::channels {

using ChannelsByName = std::map<std::string, Channel*, std::less<>>;

class Dispatcher {
 public:
  // `clock` is the store's time (lease, retry and reconcile instants); `timer` paces the rate
  // limits (nullptr: a ThreadSendTimer over the system clock, owned by the dispatcher).
  Dispatcher(OutboxStore& outbox, MessageComposer& composer, TaskStore& tasks,
             ChannelsByName channels, const Clock& clock, DispatchOptions options,
             SendTimer* timer = nullptr);
  ~Dispatcher();
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  // Errors: the store's, when leasing fails (nothing was taken).
  Result<DispatchReport> DispatchDue();
  // OutboxStore::NextMessageDue.
  Result<std::optional<Instant>> NextDue();

  const DispatchOptions& options() const { return options_; }

 private:
  struct Send;  // one composed message on its way (dispatcher.cpp)

  void Prepare(const OutboxMessage& row);
  void Reconcile(const OutboxMessage& row, Channel& channel, const OutboundMessage& message);
  void Enqueue(const OutboxMessage& row, Channel& channel, OutboundMessage message);
  void Start(const std::shared_ptr<Send>& send);
  void Settle(const Send& send, const SendOutcome& outcome);
  void Transient(const OutboxMessage& row, const std::string& reason,
                 std::optional<std::chrono::seconds> retry_after);
  void Permanent(const OutboxMessage& row, const std::string& reason);
  void FailForGood(const OutboxMessage& row, TaskKind task, const std::string& reason);
  void Unknown(const OutboxMessage& row, Instant attempted_at, const std::string& reason);
  // Queues what became of `row` for the next batch; once written, `count` runs if it was
  // recorded, then `follow_up` (on a worker, when recorded), then the row is done.
  void Record(const OutboxMessage& row, MessageSettlement settlement, const char* what,
              void (*count)(DispatchReport&), std::function<void()> follow_up = nullptr);
  // Checks a store write's result; false when it failed (logged and counted).
  bool Recorded(std::int64_t id, const char* what, const Status& status);
  void Count(const std::function<void(DispatchReport&)>& change);
  void Done();  // one leased row is settled
  // Every row of the round still unsettled waits for its batch: write it now. REQUIRES:
  // report_mutex_ held.
  void FlushWhenAllQueued();

  OutboxStore& outbox_;
  MessageComposer& composer_;
  TaskStore& tasks_;
  const ChannelsByName channels_;
  const Clock& clock_;
  const DispatchOptions options_;
  std::unique_ptr<SendTimer> own_timer_;
  SendTimer& timer_;
  RetryBackoff backoff_;
  SendGate gate_;
  std::mutex round_mutex_;   // one DispatchDue at a time
  std::mutex report_mutex_;  // guards the members below
  std::condition_variable settled_;
  std::int64_t unsettled_ = 0;
  std::int64_t queued_ = 0;  // rows whose settlement waits in settlements_
  Instant lease_until_{};    // the leases of this round's rows end then
  DispatchReport report_;
  SettlementQueue settlements_;
  WorkerPool workers_;  // last: destroyed (drained and joined) first
};

}  // namespace duly::channels
