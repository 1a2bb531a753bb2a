#include "channels/testing/fake_channel.h"

namespace duly::channels {
namespace {

// Position of a state in the lifecycle; a failure or cancellation ends it at any point.
int Rank(DeliveryState state) {
  switch (state) {
    case DeliveryState::kAccepted:
      return 0;
    case DeliveryState::kSent:
      return 1;
    case DeliveryState::kDelivered:
      return 2;
    case DeliveryState::kRead:
      return 3;
    case DeliveryState::kFailed:
      return 4;
    case DeliveryState::kCanceled:
      return 4;
  }
  return 0;
}

SendFailure NotFound(const std::string& provider_id) {
  return SendFailure{FailureKind::kPermanent, "no message " + provider_id + " was sent", "404",
                     std::nullopt};
}

}  // namespace

SendOutcome FakeChannel::Send(const OutboundMessage& message) {
  std::lock_guard lock(mutex_);
  ++calls_;
  attempts_.push_back(message);
  if (auto scripted = failures_by_call_.find(calls_); scripted != failures_by_call_.end()) {
    SendFailure failure = scripted->second;
    failures_by_call_.erase(scripted);
    return failure;
  }
  if (!failures_next_.empty()) {
    SendFailure failure = failures_next_.front();
    failures_next_.erase(failures_next_.begin());
    return failure;
  }
  std::string provider_id = name_ + "-" + std::to_string(++accepted_);
  sent_.emplace(provider_id, message);
  states_[provider_id] = DeliveryState::kAccepted;
  return SendReceipt{provider_id, DeliveryState::kAccepted};
}

StatusOutcome FakeChannel::Status(const std::string& provider_id) {
  std::lock_guard lock(mutex_);
  auto state = states_.find(provider_id);
  if (state == states_.end()) return NotFound(provider_id);
  return state->second;
}

StatusOutcome FakeChannel::Cancel(const std::string& provider_id) {
  std::lock_guard lock(mutex_);
  auto state = states_.find(provider_id);
  if (state == states_.end()) return NotFound(provider_id);
  if (!IsFinal(state->second)) state->second = DeliveryState::kCanceled;
  return state->second;
}

void FakeChannel::FailCall(std::size_t call, SendFailure failure) {
  std::lock_guard lock(mutex_);
  failures_by_call_[call] = std::move(failure);
}

void FakeChannel::FailNext(SendFailure failure) {
  std::lock_guard lock(mutex_);
  failures_next_.push_back(std::move(failure));
}

void FakeChannel::SetState(const std::string& provider_id, DeliveryState state) {
  std::lock_guard lock(mutex_);
  auto current = states_.find(provider_id);
  if (current == states_.end() || IsFinal(current->second)) return;
  if (Rank(state) >= Rank(current->second)) current->second = state;
}

std::vector<OutboundMessage> FakeChannel::attempts() const {
  std::lock_guard lock(mutex_);
  return attempts_;
}

std::map<std::string, OutboundMessage> FakeChannel::sent() const {
  std::lock_guard lock(mutex_);
  return sent_;
}

}  // namespace duly::channels
