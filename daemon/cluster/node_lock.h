// duly::daemon::NodeLock: SQLite serves one dulyd node; a second dulyd pointed at the same
// database file refuses to start instead of fighting over the single writer.
//
// Promise: LockSqliteNode(path) takes an exclusive, non-blocking flock(2) on `path` + ".dulyd.lock"
// and writes this process's pid into it. While the returned NodeLock lives, a second
// LockSqliteNode on the same file (from this or any other process on the machine) fails with
// kConflict naming the database, the pid that holds it and what to do instead. The lock
// dies with the process (kill -9 included): the kernel drops flocks when the descriptor closes, so
// a stale lock file never blocks a restart. The `duly` command does not take it (imports and token
// commands run beside the daemon through SQLite's own locking). A path of ":memory:" needs no lock.
// Thread-safety: a NodeLock is owned by one thread; LockSqliteNode is safe from any thread.
#pragma once

#include <string>

#include "workflows/status.h"

namespace duly::daemon {

class NodeLock {
 public:
  NodeLock() = default;
  explicit NodeLock(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  NodeLock(NodeLock&& other) noexcept;
  NodeLock& operator=(NodeLock&& other) noexcept;
  NodeLock(const NodeLock&) = delete;
  NodeLock& operator=(const NodeLock&) = delete;
  ~NodeLock();

  bool held() const { return fd_ >= 0; }
  const std::string& path() const { return path_; }

 private:
  void Release();
  int fd_ = -1;
  std::string path_;
};

Result<NodeLock> LockSqliteNode(const std::string& database_path);

}  // namespace duly::daemon
