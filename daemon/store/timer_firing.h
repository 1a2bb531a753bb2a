// duly::daemon::FireTimers: the body of TimerStore::FireDueTimers inside one write transaction.
//
// Promise: takes up to `limit` timers due at or before `now` (PostgreSQL: FOR UPDATE SKIP
// LOCKED), reads their inputs in bulk (timer_inputs.h), calls `decide` once per timer, and only
// then opens the history chain (so concurrent firers on PostgreSQL hold the history head only
// while writing). It writes each outcome as timer_outcome.h says: deletes the fired timers,
// upserts instances, replaces next timers, inserts new step runs, and for outcomes whose runs are
// all new writes effects (effect_writer.h) and appends the outcome's events, all with actor
// "engine" at `now`. An outcome that names another timer or invoice than the one decided is
// kInternal. The caller commits on success and rolls back otherwise. Throws soci_error, and
// whatever `decide` throws. Thread-safety: one call per transaction.
#pragma once

#include <soci/soci.h>

#include "daemon/store/database_url.h"
#include "workflows/engine/timer_store.h"

namespace duly::daemon {

Result<FireReport> FireTimers(soci::session& session, DatabaseKind kind, Instant now, int limit,
                              const FactRequest& facts, bool with_colleagues,
                              const TimerDecision& decide);

}  // namespace duly::daemon
