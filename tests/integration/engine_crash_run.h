// EngineCrashRun: the crash test of the collection engine, for one database.
//
// Promise: Load() starts `dulyd --test-clock` on a fresh, migrated database, saves the segments
// and a five-step workflow (two e-mail/letter messages, an SMS under quiet hours, a call task
// with a condition, a colleague notification) through the API and imports the colleagues,
// customers and invoices with `duly import`. RunWithKills() advances the test clock in steps
// while a second thread SIGKILLs dulyd at random moments during the requests; each time dulyd
// dies it is restarted on the same database at the latest instant ever asked for, and that
// instant is asked for again until an answer proves the engine caught up. It stops when the
// clock is past every invoice's last step. Verify() stops dulyd and proves from the database
// itself that every expected step of every invoice ran (or was skipped for its condition) exactly
// once: the step runs, the outbox and call task items and the history events each count every
// (invoice, step) once, no timer is left, and the history chain verifies. Failures are GoogleTest
// failures; call HasFatalFailure() after each phase. The seed is printed (and DULY_CRASH_SEED
// replays one). Not thread-safe; one per test.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "tests/support/http_client.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace duly::testing {

struct EngineCrashPlan {
  int customers = 2000;
  int invoices_per_customer = 5;  // customers * invoices_per_customer invoices
  std::chrono::hours clock_step{12};
  double kill_chance = 0.5;  // per clock request
  // A kill comes at a random delay after the request starts, at most 1.5 times the time a request
  // typically takes (a moving average) and at most this.
  std::chrono::milliseconds max_kill_delay{400};
};

struct EngineCrashFigures {
  int requests = 0;        // clock requests sent
  int kills = 0;           // SIGKILLs that hit dulyd during a request
  std::int64_t fired = 0;  // timers fired, as the answered requests report them
};

class EngineCrashRun {
 public:
  // `database_url` names an empty database (sqlite://... or postgresql://...).
  EngineCrashRun(std::string database_url, const TempDir& dir, EngineCrashPlan plan);
  ~EngineCrashRun();
  EngineCrashRun(const EngineCrashRun&) = delete;
  EngineCrashRun& operator=(const EngineCrashRun&) = delete;

  void Load();
  void RunWithKills();
  void Verify();

  const EngineCrashFigures& figures() const { return figures_; }
  int invoices() const { return plan_.customers * plan_.invoices_per_customer; }

 private:
  CommandResult Cli(std::vector<std::string> args) const;
  void StartDaemon(const std::string& clock_at);
  // Asks the test clock for `to` until an answer comes; restarts dulyd after each kill.
  void ReachInstant(const std::string& to, bool may_kill);
  void ImportCsv(const std::string& records, const std::string& text);

  std::string database_url_;
  const TempDir& dir_;
  EngineCrashPlan plan_;
  std::uint64_t seed_ = 0;
  std::string token_;
  std::unique_ptr<DaemonProcess> daemon_;
  std::unique_ptr<HttpClient> http_;
  EngineCrashFigures figures_;
  std::int64_t typical_request_ms_ = 200;  // moving average of answered clock requests
};

}  // namespace duly::testing
