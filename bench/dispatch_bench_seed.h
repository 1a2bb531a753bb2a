// The books duly_dispatch_bench sends reminders from: a one-step workflow and one invoice per
// customer, made through the Store as in production.
//
// Promise: SaveDispatchCatalog saves one segment for everyone and the workflow "bench" whose one
// step sends the "reminder-friendly" template on `channel` ("sms" or "email") at due+0d.
// CreateDispatchInvoices makes `count` customers "<prefix>C<n>" (Dutch, an e-mail address and a
// mobile number each) and one open invoice "<prefix><n>" each, due on `due`, through
// Store::UpsertCustomers / UpsertInvoices in batches, so every invoice gets its start timer in
// the same transaction and the engine later queues exactly one outbox row per customer (the
// outbox bundles one row per recipient, channel and day). Errors are the store's.
// Not thread-safe; the bench runs them one after another before the measured phases.
#pragma once

#include <cstdint>
#include <string>

#include "workflows/calendar_date.h"
#include "workflows/engine/catalog_store.h"
#include "workflows/store.h"

namespace duly::bench {

Status SaveDispatchCatalog(CatalogStore& catalog, const std::string& channel);

Status CreateDispatchInvoices(Store& store, const std::string& prefix, std::int64_t count,
                              CalendarDate due);

}  // namespace duly::bench
