#include "daemon/cli/duly_command.h"

#include <CLI/CLI.hpp>

#include "daemon/cli/command_context.h"
#include "daemon/cli/config_command.h"
#include "daemon/cli/demo_command.h"
#include "daemon/cli/export_command.h"
#include "daemon/cli/history_command.h"
#include "daemon/cli/import_command.h"
#include "daemon/cli/import_invoices_command.h"
#include "daemon/cli/import_statement_command.h"
#include "daemon/cli/migrate_command.h"
#include "daemon/cli/simulate_command.h"
#include "daemon/cli/token_command.h"

namespace duly::daemon {

int RunDulyCommand(int argc, const char* const* argv, const Clock& clock, std::ostream& out,
                   std::ostream& err) {
  CommandContext context{out, err, clock, {}, kExitOk};
  CLI::App app("duly: accounts-receivable collection, from the command line", "duly");
  app.fallthrough();  // --database may also follow the command name
  app.require_subcommand(1);
  app.add_option("--database", context.database,
                 "Database URL (sqlite:///path/duly.db or postgresql://...); default "
                 "$DULY_DATABASE_URL, else the local SQLite file");
  AddMigrateCommand(app, context);
  AddTokenCommands(app, context);
  AddImportCommand(app, context);
  AddImportInvoicesCommand(app, context);
  AddImportStatementCommand(app, context);
  AddExportCommand(app, context);
  AddHistoryCommand(app, context);
  AddDemoCommand(app, context);
  AddConfigCommand(app, context);
  AddSimulateCommand(app, context);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help, out, err);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help, out, err);
  } catch (const CLI::ParseError& error) {
    app.exit(error, out, err);
    return kExitUsage;
  }
  return context.exit_code;
}

}  // namespace duly::daemon
