// `duly import-statement FILE...`: bank statements (CAMT.053 or MT940, detected from the content)
// imported, matched and posted.
//
// Promise: RunImportStatements reads and parses every file first; when any is unreadable or
// malformed it prints the file and the error's XML path or line on `err`, writes nothing at all
// and returns kExitFailure. Otherwise each file is imported in its own store transaction
// (StatementStore::ImportStatement: payments posted, the rest queued for reconciliation, entries
// seen before skipped) and one line per file is printed on `out`:
// "FILE: 4 entries, 2 posted, 1 queued, 1 duplicates". A store error stops at that file (files
// before it stay imported), prints it and returns kExitFailure. Not synchronised.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "daemon/cli/command_context.h"
#include "workflows/matching/statement_store.h"

namespace duly::daemon {

int RunImportStatements(StatementStore& statements, const std::vector<std::string>& paths,
                        CommandContext& context);

void AddImportStatementCommand(CLI::App& app, CommandContext& context);

}  // namespace duly::daemon
