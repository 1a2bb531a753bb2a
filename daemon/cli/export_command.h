// `duly export customers|colleagues|invoices|payments [--output FILE]`.
//
// Promise: RunExport writes every record of the kind as CSV (the columns of daemon/csv/*_csv.h,
// header first), paging through the store 1000 at a time, to `sink`; importing the result gives
// the same records. With --output the file is written beside its final name and renamed into
// place when complete, so a failed export never leaves a partial file. Returns kExitOk,
// kExitUsage for an unknown kind, or kExitFailure with the cause on `err`. Not synchronised.
#pragma once

#include <ostream>
#include <string_view>

#include <CLI/CLI.hpp>

#include "daemon/cli/command_context.h"

namespace duly::daemon {

int RunExport(Store& store, std::string_view records, std::ostream& sink, CommandContext& context);

void AddExportCommand(CLI::App& app, CommandContext& context);

}  // namespace duly::daemon
