#include "daemon/cli/config_command.h"

#include <memory>

#include "daemon/config/config.h"

namespace duly::daemon {

int RunConfigCheck(const std::string& path, CommandContext& context) {
  if (Status checked = CheckConfigFile(path); !checked) {
    PrintError(context.err, checked.error());
    return kExitFailure;
  }
  context.out << path << ": valid\n";
  return kExitOk;
}

void AddConfigCommand(CLI::App& app, CommandContext& context) {
  auto* config = app.add_subcommand("config", "Check dulyd configuration files");
  config->require_subcommand(1);
  auto path = std::make_shared<std::string>();
  auto* check = config->add_subcommand("check", "Validate a config file as dulyd would load it");
  check->add_option("file", *path, "The JSON config file")->required();
  check->callback([&context, path] { context.exit_code = RunConfigCheck(*path, context); });
}

}  // namespace duly::daemon
