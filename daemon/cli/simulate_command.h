// `duly simulate SCENARIO.json`: runs the collection engine over a scenario on a test clock and
// prints the timeline.
//
// Promise: RunSimulate reads the scenario from `path` ("-" reads `in`), parses it
// (daemon/simulate/scenario.h) and runs it (daemon/simulate/simulator.h) in a scratch directory
// under $TMPDIR that is removed afterwards. It writes one JSON object per line on `out`
// (schemas/timeline.schema.json), in time order, and nothing else; errors go to `err` with the
// JSON pointer of each fault, and the exit code is kExitFailure. It opens no database of the
// user (--database is ignored). Not synchronised.
#pragma once

#include <istream>
#include <string>

#include <CLI/CLI.hpp>

#include "daemon/cli/command_context.h"

namespace duly::daemon {

int RunSimulate(const std::string& path, std::istream& in, CommandContext& context);

void AddSimulateCommand(CLI::App& app, CommandContext& context);

}  // namespace duly::daemon
