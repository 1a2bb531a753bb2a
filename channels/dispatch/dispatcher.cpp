#include "channels/dispatch/dispatcher.h"

#include <utility>
#include <variant>
#include <vector>

#include <spdlog/spdlog.h>

#include "channels/dispatch/thread_send_timer.h"

namespace duly::channels {
namespace {

const Actor kDispatcher{"dispatcher"};

const Clock& SystemTime() {
  static const SystemClock clock;
  return clock;
}

std::vector<std::string> Invoices(const OutboxMessage& row) {
  std::vector<std::string> invoices;
  invoices.reserve(row.items.size());
  for (const OutboxItem& item : row.items) invoices.push_back(item.invoice);
  return invoices;
}

}  // namespace

struct Dispatcher::Send {
  OutboxMessage row;
  Channel* channel = nullptr;
  OutboundMessage message;
  Instant lease_until{};  // the row's lease ends then
  Instant attempted_at{};
  std::chrono::steady_clock::time_point started{};
};

Dispatcher::Dispatcher(OutboxStore& outbox, MessageComposer& composer, TaskStore& tasks,
                       ChannelsByName channels, const Clock& clock, DispatchOptions options,
                       SendTimer* timer)
    : outbox_(outbox),
      composer_(composer),
      tasks_(tasks),
      channels_(std::move(channels)),
      clock_(clock),
      options_(std::move(options)),
      own_timer_(timer ? nullptr : std::make_unique<ThreadSendTimer>(SystemTime())),
      timer_(timer ? *timer : *own_timer_),
      backoff_(options_.retry_base, options_.retry_cap, options_.jitter_seed),
      gate_(timer_, options_.rates, options_.max_in_flight),
      settlements_(outbox_, options_.owner, options_.settle_batch, options_.settle_delay),
      workers_(options_.workers) {}

Dispatcher::~Dispatcher() = default;

Result<std::optional<Instant>> Dispatcher::NextDue() { return outbox_.NextMessageDue(); }

Result<DispatchReport> Dispatcher::DispatchDue() {
  std::lock_guard round(round_mutex_);
  const Instant now = clock_.Now();
  Result<std::vector<OutboxMessage>> leased =
      outbox_.LeaseDueMessages(now, options_.batch_size, options_.owner, options_.lease);
  if (!leased) return std::move(leased).error().WithContext("leasing due messages");
  {
    std::lock_guard lock(report_mutex_);
    lease_until_ = now + options_.lease;
    report_ = DispatchReport{};
    report_.leased = static_cast<std::int64_t>(leased->size());
    unsettled_ = report_.leased;
  }
  for (OutboxMessage& row : *leased) {
    workers_.Post([this, row = std::move(row)] { Prepare(row); });
  }
  {
    std::unique_lock lock(report_mutex_);
    settled_.wait(lock, [this] { return unsettled_ == 0; });
  }
  gate_.WaitQuiet();  // the rate limits' timer tasks have run: nothing refers to this round
  std::lock_guard lock(report_mutex_);
  report_.most_in_flight = gate_.most_in_flight();
  return std::move(report_);
}

void Dispatcher::Count(const std::function<void(DispatchReport&)>& change) {
  std::lock_guard lock(report_mutex_);
  change(report_);
}

void Dispatcher::Done() {
  std::lock_guard lock(report_mutex_);
  if (--unsettled_ == 0) settled_.notify_all();
  FlushWhenAllQueued();
}

bool Dispatcher::Recorded(std::int64_t id, const char* what, const Status& status) {
  if (status.ok()) return true;
  if (status.error().code == ErrorCode::kConflict) {
    spdlog::warn("dispatcher: message {}: could not record {}: the lease was lost: {}", id, what,
                 status.error().message);
    Count([](DispatchReport& report) { ++report.lease_lost; });
  } else {
    spdlog::error("dispatcher: message {}: could not record {}: {}", id, what,
                  status.error().message);
    Count([](DispatchReport& report) { ++report.store_errors; });
  }
  return false;
}

void Dispatcher::Prepare(const OutboxMessage& row) {
  const auto found = channels_.find(row.channel);
  if (found == channels_.end() || found->second == nullptr) {
    Permanent(row, row.channel + " failed: no " + row.channel + " channel is configured");
    return;
  }
  Channel& channel = *found->second;
  Result<OutboundMessage> composed = composer_.Compose(row);
  if (!composed) {
    const Error& error = composed.error();
    const std::string reason = row.channel + " could not be composed: " + error.message;
    const bool transient = error.code != ErrorCode::kNotFound &&
                           error.code != ErrorCode::kInvalidArgument &&
                           error.code != ErrorCode::kPolicy;
    if (row.needs_reconcile) {
      // The earlier attempt may have arrived: never drop or resend the row without asking.
      if (transient) {
        Unknown(row, row.attempted_at.value_or(row.due_at), reason);
      } else {
        FailForGood(row, TaskKind::kUnknownOutcome,
                    reason + " (an earlier attempt may have been delivered)");
      }
    } else if (error.code == ErrorCode::kNotFound) {
      Record(row, MessageSettlement::Canceled(row.id, error.message), "the cancellation",
             [](DispatchReport& report) { ++report.canceled; });
    } else if (error.code == ErrorCode::kInvalidArgument) {
      FailForGood(row, TaskKind::kFailedMessage, reason);
    } else if (error.code == ErrorCode::kPolicy) {
      Permanent(row, row.channel + " failed: " + error.message);
    } else {
      Transient(row, reason, std::nullopt);
    }
    return;
  }
  if (row.needs_reconcile) {
    Reconcile(row, channel, std::move(*composed));
    return;
  }
  Enqueue(row, channel, std::move(*composed));
}

void Dispatcher::Reconcile(const OutboxMessage& row, Channel& channel,
                           const OutboundMessage& message) {
  const Instant attempted = row.attempted_at.value_or(row.due_at);
  Channel::ReconcileOutcome outcome = channel.Reconcile(message, attempted);
  if (const auto* receipt = std::get_if<SendReceipt>(&outcome)) {
    Record(row, MessageSettlement::Sent(row.id, receipt->provider_id), "the reconciled send",
           [](DispatchReport& report) {
             ++report.sent;
             ++report.reconciled;
           });
  } else if (const auto* failure = std::get_if<SendFailure>(&outcome)) {
    FailForGood(row, TaskKind::kUnknownOutcome,
                row.channel + " outcome unknown: the attempt at " + FormatInstantUtc(attempted) +
                    " could not be checked: " + failure->reason);
  } else {
    const Status& status = std::get<duly::Status>(outcome);
    if (!status.ok() && status.error().code == ErrorCode::kNotFound) {
      Enqueue(row, channel, message);  // the provider certainly has not got it: send now
      return;
    }
    const std::string why = status.ok() ? "no answer" : status.error().message;
    Unknown(row, attempted, row.channel + " could not be asked: " + why);
  }
}

void Dispatcher::Enqueue(const OutboxMessage& row, Channel& channel, OutboundMessage message) {
  auto send = std::make_shared<Send>();
  send->row = row;
  send->channel = &channel;
  send->message = std::move(message);
  {
    std::lock_guard lock(report_mutex_);
    send->lease_until = lease_until_;
  }
  // The gate runs this when a token and an in-flight slot are free, possibly on a channel's or
  // the timer's thread: the send itself (which may block: synchronous channels) goes to a worker.
  gate_.Enqueue(row.channel, [this, send] { workers_.Post([this, send] { Start(send); }); });
}

void Dispatcher::Start(const std::shared_ptr<Send>& send) {
  send->attempted_at = clock_.Now();
  if (send->attempted_at + options_.send_timeout > send->lease_until) {
    // Too little lease left for an answer: sending now could outlive the lease and another node
    // could send the row again. Give it back, due at once.
    gate_.Finished();
    Transient(send->row,
              send->row.channel + " was not sent: the lease ran out waiting for the rate limit",
              std::chrono::seconds(0));
    return;
  }
  send->started = std::chrono::steady_clock::now();
  send->channel->StartSend(send->message, [this, send](SendOutcome outcome) {
    const auto latency = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - send->started);
    Count(
        [&latency](DispatchReport& report) { report.send_latency_us.push_back(latency.count()); });
    gate_.Finished();
    workers_.Post([this, send, outcome = std::move(outcome)] { Settle(*send, outcome); });
  });
}

void Dispatcher::Settle(const Send& send, const SendOutcome& outcome) {
  const OutboxMessage& row = send.row;
  if (const auto* receipt = std::get_if<SendReceipt>(&outcome)) {
    Record(row, MessageSettlement::Sent(row.id, receipt->provider_id), "the send",
           [](DispatchReport& report) { ++report.sent; });
    return;
  }
  const SendFailure& failure = std::get<SendFailure>(outcome);
  switch (failure.kind) {
    case FailureKind::kTransient:
      Transient(row, row.channel + " failed: " + failure.reason, failure.retry_after);
      return;
    case FailureKind::kPermanent:
      Permanent(row, row.channel + " failed: " + failure.reason);
      return;
    case FailureKind::kUnknownOutcome:
      Unknown(row, send.attempted_at, row.channel + " outcome unknown: " + failure.reason);
      return;
  }
}

void Dispatcher::Transient(const OutboxMessage& row, const std::string& reason,
                           std::optional<std::chrono::seconds> retry_after) {
  if (row.attempt + 1 >= options_.max_attempts) {
    FailForGood(row, TaskKind::kFailedMessage,
                reason + " (gave up after " + std::to_string(row.attempt + 1) + " attempts)");
    return;
  }
  const std::chrono::milliseconds delay =
      retry_after ? std::chrono::duration_cast<std::chrono::milliseconds>(*retry_after)
                  : backoff_.Delay(row.attempt);
  Record(row, MessageSettlement::Failed(row.id, /*permanent=*/false, clock_.Now() + delay, reason),
         "the retry", [](DispatchReport& report) { ++report.retried; });
}

void Dispatcher::Permanent(const OutboxMessage& row, const std::string& reason) {
  if (row.fallbacks.empty()) {
    FailForGood(row, TaskKind::kFailedMessage, reason);
    return;
  }
  Record(row, MessageSettlement::Fallback(row.id, row.fallbacks.front(), reason), "the fallback",
         [](DispatchReport& report) { ++report.fell_back; });
}

void Dispatcher::Unknown(const OutboxMessage& row, Instant attempted_at,
                         const std::string& reason) {
  Record(row,
         MessageSettlement::Unknown(row.id, attempted_at, clock_.Now() + options_.reconcile_delay,
                                    reason),
         "the unknown outcome", [](DispatchReport& report) { ++report.unknown; });
}

void Dispatcher::FailForGood(const OutboxMessage& row, TaskKind task, const std::string& reason) {
  // Once the failure is recorded (and only then: otherwise whoever holds the row now decides what
  // becomes of it) a collector task opens, on a worker: the settlement thread never waits for it.
  NewTask follow_up{task, row.customer, Invoices(row), reason, row.id};
  Record(
      row, MessageSettlement::Failed(row.id, /*permanent=*/true, clock_.Now(), reason),
      "the failure", [](DispatchReport& report) { ++report.failed; },
      [this, id = row.id, task, follow_up = std::move(follow_up)] {
        Result<CollectorTask> created = tasks_.CreateTask(follow_up, kDispatcher);
        if (!created) {
          spdlog::error("dispatcher: message {}: the {} task could not be created: {}", id,
                        TaskKindName(task), created.error().message);
          Count([](DispatchReport& report) { ++report.store_errors; });
        }
      });
}

void Dispatcher::Record(const OutboxMessage& row, MessageSettlement settlement, const char* what,
                        void (*count)(DispatchReport&), std::function<void()> follow_up) {
  std::lock_guard lock(report_mutex_);
  ++queued_;
  settlements_.Add(std::move(settlement), [this, id = row.id, what, count,
                                           follow_up = std::move(follow_up)](const Status& status) {
    const bool recorded = Recorded(id, what, status);
    {
      std::lock_guard counted(report_mutex_);
      --queued_;
      if (recorded) count(report_);
    }
    if (recorded && follow_up) {
      workers_.Post([this, follow_up] {
        follow_up();
        Done();
      });
      return;
    }
    Done();
  });
  FlushWhenAllQueued();
}

void Dispatcher::FlushWhenAllQueued() {
  if (queued_ > 0 && queued_ == unsettled_) settlements_.Flush();
}

}  // namespace duly::channels
