// duly::channels::http::testing::PeerProcess: a real peer server a test starts and stops.
//
// Promise: Start runs `argv` (argv[0] found on PATH) in its own process group with stdout and
// stderr on one pipe that a reader thread drains all the time (a chatty peer never blocks), and
// WaitForLine waits until a line containing `marker` appears after the last line it returned
// (returning the line) or `within` passes or the process closes its output (std::nullopt; the
// output so far is in output()). The destructor sends SIGTERM to the process group, waits
// for it, and SIGKILLs it after 5 s. FreeLoopbackPort returns a port the kernel just handed out
// on 127.0.0.1 (free at the time of the call). Test-only; use from one thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace duly::channels::http::testing {

class PeerProcess {
 public:
  PeerProcess() = default;
  PeerProcess(const PeerProcess&) = delete;
  PeerProcess& operator=(const PeerProcess&) = delete;
  ~PeerProcess() { Stop(); }

  bool Start(const std::vector<std::string>& argv) {
    int fds[2];
    if (pipe(fds) != 0) return false;
    pid_ = fork();
    if (pid_ < 0) return false;
    if (pid_ == 0) {
      setpgid(0, 0);
      dup2(fds[1], 1);
      dup2(fds[1], 2);
      close(fds[0]);
      close(fds[1]);
      std::vector<char*> args;
      for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
      args.push_back(nullptr);
      execvp(args[0], args.data());
      _exit(127);
    }
    setpgid(pid_, pid_);
    close(fds[1]);
    reader_ = std::thread([this, fd = fds[0]] { Drain(fd); });
    return true;
  }

  std::optional<std::string> WaitForLine(const std::string& marker,
                                         std::chrono::milliseconds within) {
    std::unique_lock lock(mutex_);
    std::optional<std::string> found;
    changed_.wait_for(lock, within, [&] {
      for (auto end = output_.find('\n', scanned_); end != std::string::npos;
           end = output_.find('\n', scanned_)) {
        std::string line = output_.substr(scanned_, end - scanned_);
        scanned_ = end + 1;
        if (line.find(marker) != std::string::npos) {
          found = std::move(line);
          return true;
        }
      }
      return closed_;
    });
    return found;
  }

  std::string output() const {
    std::lock_guard lock(mutex_);
    return output_;
  }
  pid_t pid() const { return pid_; }

  void Stop() {
    if (pid_ > 0) {
      kill(-pid_, SIGTERM);
      int status = 0;
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
      while (waitpid(pid_, &status, WNOHANG) != pid_) {
        if (std::chrono::steady_clock::now() > deadline) {
          kill(-pid_, SIGKILL);
          waitpid(pid_, &status, 0);
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      pid_ = -1;
    }
    if (reader_.joinable()) reader_.join();
  }

 private:
  void Drain(int fd) {
    char buffer[4096];
    for (;;) {
      const ssize_t got = read(fd, buffer, sizeof buffer);
      if (got <= 0) break;
      std::lock_guard lock(mutex_);
      output_.append(buffer, static_cast<std::size_t>(got));
      changed_.notify_all();
    }
    close(fd);
    std::lock_guard lock(mutex_);
    closed_ = true;
    changed_.notify_all();
  }

  pid_t pid_ = -1;
  std::thread reader_;
  mutable std::mutex mutex_;  // guards output_, scanned_, closed_
  std::condition_variable changed_;
  std::string output_;
  std::size_t scanned_ = 0;
  bool closed_ = false;
};

inline int FreeLoopbackPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

}  // namespace duly::channels::http::testing
