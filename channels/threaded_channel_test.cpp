// ThreadedChannel: sends run on its workers, concurrently, each `done` exactly once, and the
// destructor drains what was started.
#include "channels/threaded_channel.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>
#include <variant>

#include <gtest/gtest.h>

namespace duly::channels {
namespace {

// What the workers did, shared between the test and the channel (which the ThreadedChannel owns
// and destroys first).
struct Gate {
  std::mutex mutex;
  std::condition_variable changed;
  int waiting = 0;
  int max_waiting = 0;
  bool open = false;
  std::set<std::thread::id> threads;

  void WaitForWaiting(int count) {
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return waiting >= count; });
  }
  void Open() {
    std::lock_guard lock(mutex);
    open = true;
    changed.notify_all();
  }
};

// Blocks every Send until the gate opens.
class GatedChannel final : public Channel {
 public:
  explicit GatedChannel(std::shared_ptr<Gate> gate) : gate_(std::move(gate)) {}
  std::string_view name() const override { return "gated"; }
  SendOutcome Send(const OutboundMessage& message) override {
    std::unique_lock lock(gate_->mutex);
    ++gate_->waiting;
    gate_->max_waiting = std::max(gate_->max_waiting, gate_->waiting);
    gate_->changed.notify_all();
    gate_->changed.wait(lock, [this] { return gate_->open; });
    --gate_->waiting;
    gate_->threads.insert(std::this_thread::get_id());
    return SendReceipt{"id-" + std::to_string(message.id), DeliveryState::kAccepted};
  }
  StatusOutcome Status(const std::string&) override { return DeliveryState::kAccepted; }
  StatusOutcome Cancel(const std::string&) override { return DeliveryState::kAccepted; }

 private:
  std::shared_ptr<Gate> gate_;
};

TEST(ThreadedChannelTest, SendsRunConcurrentlyOnItsWorkersAndEachDoneRunsOnce) {
  auto gate = std::make_shared<Gate>();
  std::atomic<int> done{0};
  std::atomic<int> receipts{0};
  {
    ThreadedChannel channel(std::make_unique<GatedChannel>(gate), 4);
    EXPECT_EQ(channel.name(), "gated");
    for (int i = 1; i <= 12; ++i) {
      OutboundMessage message;
      message.id = i;
      channel.StartSend(message, [&](SendOutcome outcome) {
        if (std::holds_alternative<SendReceipt>(outcome)) ++receipts;
        ++done;
      });
    }
    gate->WaitForWaiting(4);  // four workers block at once: StartSend did not
    EXPECT_EQ(done.load(), 0);
    gate->Open();
  }  // the destructor drains the eight still queued
  EXPECT_EQ(done.load(), 12);
  EXPECT_EQ(receipts.load(), 12);
  EXPECT_EQ(gate->max_waiting, 4);
  EXPECT_EQ(gate->threads.size(), 4u);
}

}  // namespace
}  // namespace duly::channels
