#include "daemon/cli/import_statement_command.h"

#include <fstream>
#include <memory>
#include <sstream>

#include "daemon/statements/statement_file.h"
#include "daemon/store/soci_statement_store.h"

namespace duly::daemon {

int RunImportStatements(StatementStore& statements, const std::vector<std::string>& paths,
                        CommandContext& context) {
  std::vector<StatementFile> files;
  for (const std::string& path : paths) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      context.err << "duly: " << path << ": cannot be read\n";
      return kExitFailure;
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    auto file = statements::ReadStatementFile(bytes.str());
    if (!file) {
      PrintError(context.err, file.error().WithContext(path + " (nothing imported)"));
      return kExitFailure;
    }
    files.push_back(std::move(*file));
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    auto report = statements.ImportStatement(files[i], CommandLineActor());
    if (!report) {
      PrintError(context.err, report.error().WithContext(paths[i]));
      return kExitFailure;
    }
    context.out << paths[i] << ": " << report->entries << " entries, " << report->posted
                << " posted, " << report->queued << " queued, " << report->duplicates
                << " duplicates\n";
  }
  return kExitOk;
}

void AddImportStatementCommand(CLI::App& app, CommandContext& context) {
  auto paths = std::make_shared<std::vector<std::string>>();
  auto* command = app.add_subcommand(
      "import-statement",
      "Import bank statements (CAMT.053 or MT940): post matched payments, queue the rest");
  command->add_option("files", *paths, "Statement files; a malformed file imports nothing")
      ->required();
  command->callback([&context, paths] {
    auto store = context.OpenDatabase();
    if (!store) {
      context.exit_code = kExitFailure;
      return;
    }
    SociStatementStore statements(store->SharedConnections(), store->clock());
    context.exit_code = RunImportStatements(statements, *paths, context);
  });
}

}  // namespace duly::daemon
