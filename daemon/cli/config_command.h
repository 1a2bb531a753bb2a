// `duly config check FILE`: validates a dulyd config file without starting anything.
//
// Promise: RunConfigCheck loads the file as dulyd would (daemon/config/config.h,
// CheckConfigFile) and prints "FILE: valid" and kExitOk, or each problem by JSON pointer on
// `err` and kExitFailure. It opens no database. Not synchronised.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "daemon/cli/command_context.h"

namespace duly::daemon {

int RunConfigCheck(const std::string& path, CommandContext& context);

void AddConfigCommand(CLI::App& app, CommandContext& context);

}  // namespace duly::daemon
