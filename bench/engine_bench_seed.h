// The books duly_engine_bench fires timers over: a one-step workflow, invoices made through the
// store, and a million pending timers written in bulk.
//
// Promise: SaveBenchCatalog saves one segment for everyone and the workflow "bench" (one e-mail
// reminder at due+0d). CreateBenchInvoices makes `count` invoices "<prefix><n>" due on `due`, five
// per customer, through Store (so each gets its start timer in the same transaction, as in
// production). InsertPendingTimers writes `count` step timers due at `at` (and the customers,
// invoices and instances they belong to) with a few set-based INSERTs: the bench needs a million
// pending timers in seconds, not the hours a million API calls take. SpreadStepTimers moves the
// step timers of the invoices "<prefix>..." to `from` + i * `spread` / count, for measuring
// lateness against the real clock. Errors carry the SQL or store cause. Not thread-safe; the bench
// runs them one after another, before and between the measured phases.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "daemon/store/soci_store.h"
#include "workflows/engine/catalog_store.h"

namespace duly::bench {

Status SaveBenchCatalog(CatalogStore& catalog);

Status CreateBenchInvoices(Store& store, const std::string& prefix, std::int64_t count,
                           CalendarDate due);

Status InsertPendingTimers(const daemon::DatabaseUrl& url, std::int64_t count, Instant at);

Status SpreadStepTimers(const daemon::DatabaseUrl& url, const std::string& prefix,
                        std::int64_t count, Instant from, std::chrono::milliseconds spread);

}  // namespace duly::bench
