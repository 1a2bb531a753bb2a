// duly::Engine: runs every due timer, in batches, against a TimerStore and a CatalogStore.
//
// Promise: RunDue() fires every timer due at or before clock.Now() (re-reading the time between
// batches) and returns the totals; each batch is one FireDueTimers transaction deciding with
// DecideTimer over the current Catalog (rebuilt when CatalogStore::CatalogRevision() changes). A
// batch that fails is retried timer by timer; a timer that fails alone is postponed with
// doubling back-off (options.retry_after, at most 1 h) and an "engine.timer_failed" event, so one
// poisoned invoice never stops the others. kUnavailable is returned at once (the database is
// gone; the caller retries later). NextDue() is the earliest pending timer.
// Thread-safety: one Engine may be used from one thread at a time; several Engines (nodes) may
// share one PostgreSQL store.
#pragma once

#include <memory>
#include <mutex>
#include <optional>

#include "workflows/clock.h"
#include "workflows/engine/catalog.h"
#include "workflows/engine/catalog_store.h"
#include "workflows/engine/engine_options.h"
#include "workflows/engine/timer_store.h"

namespace duly {

class Engine {
 public:
  Engine(TimerStore& timers, CatalogStore& catalog, const Clock& clock, EngineOptions options);

  Result<FireReport> RunDue();
  Result<std::optional<Instant>> NextDue();

  // The catalog in force (rebuilt when stale). Errors as CatalogStore and BuildCatalog.
  Result<std::shared_ptr<const Catalog>> CurrentCatalog();

  const EngineOptions& options() const { return options_; }

 private:
  TimerStore& timers_;
  CatalogStore& catalog_store_;
  const Clock& clock_;
  EngineOptions options_;
  std::shared_ptr<const Catalog> catalog_;
};

}  // namespace duly
