#include "daemon/cluster/node_lock.h"

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace duly::daemon {
namespace {

std::string ReadHolder(int fd) {
  char buffer[32] = {};
  const ssize_t got = ::pread(fd, buffer, sizeof buffer - 1, 0);
  if (got <= 0) return "";
  std::string pid(buffer, static_cast<std::size_t>(got));
  while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
  return pid;
}

}  // namespace

NodeLock::NodeLock(NodeLock&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), path_(std::move(other.path_)) {}

NodeLock& NodeLock::operator=(NodeLock&& other) noexcept {
  if (this != &other) {
    Release();
    fd_ = std::exchange(other.fd_, -1);
    path_ = std::move(other.path_);
  }
  return *this;
}

NodeLock::~NodeLock() { Release(); }

void NodeLock::Release() {
  if (fd_ < 0) return;
  ::close(fd_);  // drops the flock
  fd_ = -1;
}

Result<NodeLock> LockSqliteNode(const std::string& database_path) {
  if (database_path.empty() || database_path == ":memory:") return NodeLock();
  const std::string path = database_path + ".dulyd.lock";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return Error{ErrorCode::kUnavailable,
                 "cannot open the node lock " + path + ": " + std::strerror(errno),
                 {}};
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int cause = errno;
    const std::string holder = ReadHolder(fd);
    ::close(fd);
    if (cause == EWOULDBLOCK) {
      return Error{ErrorCode::kConflict,
                   "another dulyd" + (holder.empty() ? std::string() : " (pid " + holder + ")") +
                       " already serves the SQLite database " + database_path +
                       "; SQLite runs one node: stop it, or point every node at one PostgreSQL "
                       "database to run several",
                   {}};
    }
    return Error{ErrorCode::kUnavailable, "cannot lock " + path + ": " + std::strerror(cause), {}};
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) != 0 ||
      ::pwrite(fd, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
    const int cause = errno;
    ::close(fd);
    return Error{ErrorCode::kUnavailable,
                 "cannot write the node lock " + path + ": " + std::strerror(cause),
                 {}};
  }
  return NodeLock(fd, path);
}

}  // namespace duly::daemon
