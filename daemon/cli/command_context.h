// duly::daemon::CommandContext: what every `duly` command shares: where its output goes, the
// clock, the --database flag, and the exit code it sets.
//
// Promise: OpenDatabase resolves the database URL (--database, else $DULY_DATABASE_URL, else the
// default file), opens the store and, on failure, writes the cause to `err` and returns null.
// Exit codes: kExitOk (0) success, kExitFailure (1) the command ran and failed, kExitUsage (2) the
// command line is wrong. One context per process (or per test); not synchronised.
#pragma once

#include <memory>
#include <ostream>
#include <string>

#include "daemon/store/soci_store.h"
#include "workflows/clock.h"
#include "workflows/status.h"

namespace duly::daemon {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

struct CommandContext {
  std::ostream& out;
  std::ostream& err;
  const Clock& clock;
  std::string database;  // the --database flag; empty when not given
  int exit_code = kExitOk;

  // Opens the store named by `database` (see above); `migrate` applies pending migrations.
  std::unique_ptr<SociStore> OpenDatabase(bool migrate = true);
};

// Writes "duly: <message>" and one indented line per field ("  row 4, column amount: ...").
void PrintError(std::ostream& err, const Error& error);

// The actor every change made from the command line is recorded under.
inline Actor CommandLineActor() { return Actor{"cli"}; }

}  // namespace duly::daemon
