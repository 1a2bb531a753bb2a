#include "daemon/cli/command_context.h"

#include <utility>

#include "daemon/store/database_url.h"

namespace duly::daemon {

std::unique_ptr<SociStore> CommandContext::OpenDatabase(bool migrate) {
  auto url = DatabaseUrl::Parse(ResolveDatabaseUrl(database));
  if (!url) {
    PrintError(err, url.error().WithContext("database URL"));
    return nullptr;
  }
  StoreOptions options;
  options.migrate = migrate;
  options.pool_size = 1;
  auto store = OpenStore(*url, clock, options);
  if (!store) {
    PrintError(err, store.error().WithContext("cannot open " + url->Redacted()));
    return nullptr;
  }
  return std::move(*store);
}

void PrintError(std::ostream& err, const Error& error) {
  err << "duly: " << error.message << '\n';
  for (const FieldError& field : error.fields) {
    err << "  " << field.field << ": " << field.message << '\n';
  }
}

}  // namespace duly::daemon
