// duly::daemon::RunDulyCommand: the whole `duly` command line.
//
// Promise: parses argv with CLI11 (every command takes --database URL; DULY_DATABASE_URL is read
// when it is absent), runs the one command named, and returns its exit code: 0 success,
// 1 failure (cause on `err`), 2 usage error (message and hint on `err`). --help prints on `out`
// and returns 0. Not synchronised; call once per process.
#pragma once

#include <ostream>

#include "workflows/clock.h"

namespace duly::daemon {

int RunDulyCommand(int argc, const char* const* argv, const Clock& clock, std::ostream& out,
                   std::ostream& err);

}  // namespace duly::daemon
