// duly::daemon::NodeStatus: one dulyd node as the nodes table knows it (node_registry.h), plain
// data that the API renders (GET /v1/nodes) without depending on the store.
// Thread-safety: plain value type.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "workflows/clock.h"

namespace duly::daemon {

struct NodeStatus {
  std::string id;  // host:pid:start
  std::string host;
  std::int64_t pid = 0;
  std::string version;
  Instant started_at{};
  Instant heartbeat_at{};
  std::optional<Instant> stopped_at;
  bool alive = false;  // not stopped, and its last heartbeat is recent
};

}  // namespace duly::daemon
