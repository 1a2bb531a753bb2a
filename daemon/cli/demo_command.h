// `duly demo load`: loads the demo data set (demo_data.h) dated relative to today.
//
// Promise: LoadDemoData saves the demo segments and workflows to `catalog` first (a save equal to
// the latest version is a no-op), so the invoices' start timers find them; then it upserts the
// colleagues, customers and invoices (idempotent: loading the
// same day's set again changes nothing) and posts only the demo payments the store does not have
// yet, so running it twice, even on different days, never conflicts. Each step is one store
// transaction; an error stops the load and is returned with the step named. Not synchronised.
#pragma once

#include <CLI/CLI.hpp>

#include "daemon/cli/command_context.h"
#include "workflows/engine/catalog_store.h"

namespace duly::daemon {

struct DemoLoadSummary {
  UpsertSummary colleagues;
  UpsertSummary customers;
  UpsertSummary invoices;
  UpsertSummary payments;
};

Result<DemoLoadSummary> LoadDemoData(Store& store, CatalogStore& catalog, CalendarDate today);

// Loads the set for the clock's day in Europe/Amsterdam and prints the summary.
int RunDemoLoad(Store& store, CatalogStore& catalog, CommandContext& context);

void AddDemoCommand(CLI::App& app, CommandContext& context);

}  // namespace duly::daemon
