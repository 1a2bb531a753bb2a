// duly::testing: start and stop the real duly executables from tests.
//
// Promise: RunCommand runs a program to completion and returns its exit code and output.
// DaemonProcess starts dulyd on a free loopback port, waits (bounded, 30 s) until /healthz
// answers, and stops it with SIGTERM (Stop) or SIGKILL (Kill), reporting how it exited. The
// daemon's log goes to a file that tests can read when something fails. Not thread-safe.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <sys/types.h>

namespace duly::testing {

struct CommandResult {
  int exit_code = -1;  // the exit status, or 128 + signal when killed by a signal
  std::string out;     // standard output
  std::string err;     // standard error
};

// Runs argv[0] (a path) with the arguments and extra environment variables; waits for it.
CommandResult RunCommand(const std::vector<std::string>& argv,
                         const std::map<std::string, std::string>& env = {});

// A TCP port on 127.0.0.1 that was free a moment ago.
int FreeLoopbackPort();

class DaemonProcess {
 public:
  // `log_path` receives the daemon's stdout and stderr.
  DaemonProcess(std::string binary, std::vector<std::string> args, std::string log_path);
  ~DaemonProcess();  // kills the daemon if it still runs
  DaemonProcess(const DaemonProcess&) = delete;
  DaemonProcess& operator=(const DaemonProcess&) = delete;

  // Starts the daemon with `--listen 127.0.0.1:<free port>` appended and waits for /healthz.
  // Returns false (with the log's tail in `why`) when it exits or does not answer in time.
  bool Start(std::string* why);
  // SIGTERM, then waits up to 30 s; returns the exit code (128 + signal if killed).
  int Stop();
  void Kill();  // SIGKILL and reap

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::string Log() const;

 private:
  std::string binary_;
  std::vector<std::string> args_;
  std::string log_path_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace duly::testing
