// `duly token create --role ROLE --name NAME [--quiet]` and `duly token revoke ID`.
//
// Promise: RunTokenCreate makes a new secret (daemon/http/token_secret.h), stores only its
// SHA-256 hash and prints the secret once: with `quiet` the secret alone on one line (for
// scripts), otherwise with the token's id, name and role. RunTokenRevoke revokes a token by id.
// Both return kExitOk, kExitUsage for an unknown role or an empty name, or kExitFailure with the
// cause on `err`. Not synchronised.
#pragma once

#include <cstdint>
#include <string>

#include <CLI/CLI.hpp>

#include "daemon/cli/command_context.h"

namespace duly::daemon {

int RunTokenCreate(Store& store, const std::string& role, const std::string& name, bool quiet,
                   CommandContext& context);
int RunTokenRevoke(Store& store, std::int64_t id, CommandContext& context);

// Registers `token create` and `token revoke` on `app`.
void AddTokenCommands(CLI::App& app, CommandContext& context);

}  // namespace duly::daemon
