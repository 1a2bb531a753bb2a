// duly::channels::FakeChannel: a Channel that records what it is asked to send and fails on a
// script, for the dispatcher and engine tests (Beast's test::stream with fail_count, in spirit).
//
// Promise: every Send is recorded in order. A scripted failure is returned by the Nth call to
// Send (1-based, counting every call) or by the next call; a call with no failure scripted
// succeeds with provider id "<name>-<k>" (k counts successful sends) in state kAccepted. Status
// and Cancel answer from what was sent; SetState plays the provider's later callbacks, and a
// state never moves backwards. Thread-safety: all methods may be called concurrently; mutex_
// guards everything below it.
#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "channels/channel.h"

namespace duly::channels {

class FakeChannel final : public Channel {
 public:
  explicit FakeChannel(std::string name) : name_(std::move(name)) {}

  std::string_view name() const override { return name_; }
  SendOutcome Send(const OutboundMessage& message) override;
  StatusOutcome Status(const std::string& provider_id) override;
  StatusOutcome Cancel(const std::string& provider_id) override;

  // Script: the `call`-th Send (1-based, over the channel's life) fails with `failure`.
  void FailCall(std::size_t call, SendFailure failure);
  // Script: the next Send that has no failure of its own fails with `failure`.
  void FailNext(SendFailure failure);
  // Provider callback: moves a sent message forward (ignored when it would move backwards).
  void SetState(const std::string& provider_id, DeliveryState state);

  // Every message Send was called with, failed ones included, in call order.
  std::vector<OutboundMessage> attempts() const;
  // The messages that were accepted, by provider id.
  std::map<std::string, OutboundMessage> sent() const;

 private:
  const std::string name_;
  mutable std::mutex mutex_;  // guards the members below
  std::size_t calls_ = 0;
  std::size_t accepted_ = 0;
  std::map<std::size_t, SendFailure> failures_by_call_;
  std::vector<SendFailure> failures_next_;
  std::vector<OutboundMessage> attempts_;
  std::map<std::string, OutboundMessage> sent_;
  std::map<std::string, DeliveryState> states_;
};

}  // namespace duly::channels
