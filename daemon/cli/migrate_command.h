// `duly migrate`: applies pending schema migrations, or with --status lists them.
//
// Promise: RunMigrate prints each migration that ran ("applied 0001_init") or, with status_only,
// every migration the build knows and whether the database has it; it returns kExitOk, or
// kExitFailure with the cause on `err` (a failed migration is rolled back by the store).
// Not synchronised.
#pragma once

#include <CLI/CLI.hpp>

#include "daemon/cli/command_context.h"

namespace duly::daemon {

int RunMigrate(SociStore& store, bool status_only, CommandContext& context);

// Registers `migrate [--status]` on `app`; the command sets context.exit_code.
void AddMigrateCommand(CLI::App& app, CommandContext& context);

}  // namespace duly::daemon
