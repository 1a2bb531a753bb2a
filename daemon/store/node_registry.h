// duly::daemon::NodeRegistry: the dulyd nodes that share one database, each registered with a
// heartbeat (the nodes table, migration 0011).
//
// Promise: Register() records this node (id, host, pid, version) as started now; Heartbeat()
// moves its heartbeat to now (kNotFound when the row is gone, e.g. deleted by an operator: call
// Register again); Stop() records a clean shutdown. List() answers every node seen within
// `forget_after` (older rows are pruned by Heartbeat), newest first, each alive when it has not
// stopped and its last heartbeat is at most `stale_after` old. Times come from the Clock.
// Thread-safety: safe from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "daemon/store/node_status.h"
#include "daemon/store/store_transactions.h"
#include "workflows/clock.h"
#include "workflows/status.h"

namespace duly::daemon {

class NodeRegistry : protected StoreTransactions {
 public:
  NodeRegistry(std::shared_ptr<Connections> connections, const Clock& clock,
               std::chrono::milliseconds stale_after = std::chrono::seconds(30),
               std::chrono::milliseconds forget_after = std::chrono::hours(24 * 7))
      : StoreTransactions(std::move(connections), clock),
        stale_after_(stale_after),
        forget_after_(forget_after) {}

  Status Register(const NodeStatus& node);
  Status Heartbeat(const std::string& id);
  Status Stop(const std::string& id);
  Result<std::vector<NodeStatus>> List();

 private:
  std::chrono::milliseconds stale_after_;
  std::chrono::milliseconds forget_after_;
};

}  // namespace duly::daemon
