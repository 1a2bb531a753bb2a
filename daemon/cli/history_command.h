// `duly verify-history`: recomputes the hash chain of the event history.
//
// Promise: RunVerifyHistory prints how many events were checked and the head hash (to anchor
// elsewhere) and returns kExitOk when the chain is intact; when it is broken it prints the first
// bad seq and the problem on `err` and returns kExitFailure (also when the store fails).
// Not synchronised.
#pragma once

#include <CLI/CLI.hpp>

#include "daemon/cli/command_context.h"

namespace duly::daemon {

int RunVerifyHistory(Store& store, CommandContext& context);

void AddHistoryCommand(CLI::App& app, CommandContext& context);

}  // namespace duly::daemon
