#include "daemon/cli/migrate_command.h"

#include <iomanip>
#include <memory>
#include <sstream>

namespace duly::daemon {
namespace {

std::string MigrationName(const MigrationInfo& migration) {
  std::ostringstream name;
  name << std::setw(4) << std::setfill('0') << migration.version << '_' << migration.name;
  return name.str();
}

}  // namespace

int RunMigrate(SociStore& store, bool status_only, CommandContext& context) {
  auto before = store.Migrations();
  if (!before) {
    PrintError(context.err, before.error());
    return kExitFailure;
  }
  if (status_only) {
    for (const MigrationInfo& migration : *before) {
      context.out << (migration.applied ? "applied  " : "pending  ") << MigrationName(migration)
                  << '\n';
    }
    return kExitOk;
  }
  auto ran = store.Migrate();
  if (!ran) {
    PrintError(context.err, ran.error().WithContext("migration failed"));
    return kExitFailure;
  }
  for (const MigrationInfo& migration : *before) {
    if (!migration.applied) context.out << "applied " << MigrationName(migration) << '\n';
  }
  context.out << *ran << " migration" << (*ran == 1 ? "" : "s") << " applied; the database is "
              << "up to date\n";
  return kExitOk;
}

void AddMigrateCommand(CLI::App& app, CommandContext& context) {
  auto* command = app.add_subcommand("migrate", "Apply pending database migrations");
  auto status_only = std::make_shared<bool>(false);
  command->add_flag("--status", *status_only, "List the migrations and whether each is applied");
  command->callback([&context, status_only] {
    auto store = context.OpenDatabase(/*migrate=*/false);
    context.exit_code = store ? RunMigrate(*store, *status_only, context) : kExitFailure;
  });
}

}  // namespace duly::daemon
