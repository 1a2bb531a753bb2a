#include "daemon/cli/history_command.h"

namespace duly::daemon {

int RunVerifyHistory(Store& store, CommandContext& context) {
  auto verdict = store.VerifyHistory();
  if (!verdict) {
    PrintError(context.err, verdict.error().WithContext("cannot verify the history"));
    return kExitFailure;
  }
  if (!verdict->intact) {
    context.err << "duly: the history is broken at seq " << verdict->first_bad_seq << ": "
                << verdict->problem << " (" << verdict->events << " events checked)\n";
    return kExitFailure;
  }
  context.out << "History intact: " << verdict->events << " events checked.\n"
              << "Head hash: " << (verdict->head_hash.empty() ? "(none)" : verdict->head_hash)
              << '\n';
  return kExitOk;
}

void AddHistoryCommand(CLI::App& app, CommandContext& context) {
  auto* command = app.add_subcommand("verify-history", "Check the hash chain of the event history");
  command->callback([&context] {
    auto store = context.OpenDatabase();
    context.exit_code = store ? RunVerifyHistory(*store, context) : kExitFailure;
  });
}

}  // namespace duly::daemon
