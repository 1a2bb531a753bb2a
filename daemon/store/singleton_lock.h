// duly::daemon::SingletonLock: jobs that must run on one node at a time (the print batch, case
// escalations, promise and plan rounds, the management report) hold a PostgreSQL advisory lock
// while they run.
//
// Promise: RunAlone(name, body) runs `body` only when no other node runs the job `name` at the
// same moment, and answers whether it ran. On PostgreSQL it takes pg_try_advisory_lock on a
// 64-bit key derived from "duly:" + name (FNV-1a) on a session of its own, keeps that session for
// the duration of `body` and unlocks it afterwards; a node that dies mid-job loses its session and
// with it the lock, so another node runs the job at its next turn. It never waits for the lock: a
// job already running elsewhere is skipped (false), not queued. On SQLite there is one node (the
// node lock, daemon/cluster/node_lock.h), so `body` always runs. `body`'s own failure is returned
// as is; a database failure while locking is kUnavailable with the job's name.
// Thread-safety: safe from any thread; two threads of one node running the same name are not
// excluded from each other on SQLite (the job runner runs each job one round at a time).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "daemon/store/connections.h"
#include "workflows/status.h"

namespace duly::daemon {

class SingletonLock {
 public:
  explicit SingletonLock(std::shared_ptr<Connections> connections)
      : connections_(std::move(connections)) {}

  Result<bool> RunAlone(std::string_view name, const std::function<Status()>& body);

  // The advisory lock key of a job name (stable across nodes and versions).
  static std::int64_t KeyOf(std::string_view name);

 private:
  std::shared_ptr<Connections> connections_;
};

}  // namespace duly::daemon
