// duly::daemon::PgWakeups: on PostgreSQL, wakes this node's engine scheduler and dispatcher when
// another node (or anything else) commits new timers or outbox messages, so latency does not
// depend on a poll interval.
//
// Promise: once constructed it LISTENs on duly_timers and duly_outbox (notified by the triggers
// of migration 0012) on a libpq connection of its own, on a thread of its own, and calls
// `on_wake("duly_timers" | "duly_outbox")` for each notification, from that thread. A lost
// connection (PostgreSQL restarted, network cut) is logged and reopened with back-off from 100 ms
// to 5 s; after reconnecting it calls on_wake for both channels once, since notifications sent
// while it was away are lost and something may be due. The destructor stops the thread within
// about 200 ms. `conninfo` is a libpq connection string (DatabaseUrl::soci_connect).
// Thread-safety: construct and destroy on one thread; on_wake must be safe to call from another.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <thread>

namespace duly::daemon {

class PgWakeups {
 public:
  PgWakeups(std::string conninfo, std::function<void(const std::string& channel)> on_wake);
  ~PgWakeups();
  PgWakeups(const PgWakeups&) = delete;
  PgWakeups& operator=(const PgWakeups&) = delete;

  // True once the first LISTEN succeeded (for tests and the log).
  bool listening() const { return listening_.load(); }

 private:
  void Run();

  const std::string conninfo_;
  const std::function<void(const std::string&)> on_wake_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> listening_{false};
  std::thread thread_;
};

}  // namespace duly::daemon
