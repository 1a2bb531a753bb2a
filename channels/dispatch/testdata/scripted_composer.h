// duly::channels::ScriptedComposer: a MessageComposer for the dispatcher's tests.
//
// Promise: Compose renders a row the way the real composer shapes it (id = row id, the row's
// channel, a recipient address per channel, the invoices, language and a body naming them),
// unless an error was scripted for that row on that channel (FailRow), which it returns every
// time. Every call is recorded as "<id>:<channel>" in calls().
// Thread-safety: safe for concurrent Compose calls (mutex_).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "channels/message_composer.h"

namespace duly::channels {

class ScriptedComposer final : public MessageComposer {
 public:
  Result<OutboundMessage> Compose(const OutboxMessage& row) override;

  void FailRow(std::int64_t id, const std::string& channel, Error error);
  std::vector<std::string> calls() const;

 private:
  mutable std::mutex mutex_;  // guards the members below
  std::map<std::pair<std::int64_t, std::string>, Error> failures_;
  std::vector<std::string> calls_;
};

}  // namespace duly::channels
