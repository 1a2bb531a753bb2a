// `duly import customers|colleagues|invoices|payments FILE.csv`.
//
// Promise: RunImport reads the whole file (columns: daemon/csv/*_csv.h), checks every row, and
// writes all of it in one store transaction or nothing: any bad row (or a store rule the batch
// breaks, such as an unknown customer) rejects the file. Each problem is printed on `err` as
// "row 4, column amount: ...", the store's batch pointers ("/2/customer") translated to rows and
// columns. On success it prints how many records were created, updated and unchanged.
// Returns kExitOk, kExitUsage for an unknown record kind, or kExitFailure. Not synchronised.
#pragma once

#include <string>
#include <string_view>

#include <CLI/CLI.hpp>

#include "daemon/cli/command_context.h"

namespace duly::daemon {

int RunImport(Store& store, std::string_view records, const std::string& path,
              CommandContext& context);

void AddImportCommand(CLI::App& app, CommandContext& context);

}  // namespace duly::daemon
