// duly::daemon::SociStore: the duly::Store over SOCI, on SQLite or PostgreSQL.
//
// Promise: one implementation serves both databases with the same behaviour (the store
// conformance suite runs it on both). SQLite is opened with WAL, synchronous=FULL,
// foreign_keys=ON and a busy timeout, and writes go through one writer connection with
// BEGIN IMMEDIATE; PostgreSQL uses a pool. Every write transaction also appends its events to the
// hash-chained history. `now` always comes from the Clock, never from the database. It also keeps
// the engine's catalog, timers and outbox (workflows/engine/*_store.h) in the same database, so
// an invoice and its timer are written in one transaction. The channels' tables live there too:
// the outbox, the collectors' tasks (workflows/task_store.h) and the message templates
// (workflows/template_store.h).
// Thread-safety: all methods are safe to call concurrently; the Clock must outlive the store.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "daemon/store/database_url.h"
#include "workflows/clock.h"
#include "workflows/engine/catalog_store.h"
#include "workflows/engine/outbox_store.h"
#include "workflows/engine/timer_store.h"
#include "workflows/store.h"
#include "workflows/task_store.h"
#include "workflows/template_store.h"

namespace duly::daemon {

struct StoreOptions {
  int pool_size = 4;           // connections (PostgreSQL) or readers (SQLite)
  int busy_timeout_ms = 5000;  // SQLite busy timeout
  bool migrate = true;         // apply pending migrations when opening
};

struct MigrationInfo {
  int version = 0;
  std::string name;  // "init"
  bool applied = false;
};

class SociStore;
class Connections;

// Opens (and by default migrates) the database. Errors: kInvalidArgument for a bad URL,
// kUnavailable when the database cannot be reached, kInternal when a migration fails (the
// failed migration is rolled back; earlier ones stay).
Result<std::unique_ptr<SociStore>> OpenStore(const DatabaseUrl& url, const Clock& clock,
                                             const StoreOptions& options = {});

class SociStore : public Store,
                  public CatalogStore,
                  public TimerStore,
                  public OutboxStore,
                  public TaskStore,
                  public TemplateStore {
 public:
  // Applies every pending migration, each in its own transaction; returns how many ran.
  virtual Result<int> Migrate() = 0;
  // Every migration this build knows, and whether the database has it.
  virtual Result<std::vector<MigrationInfo>> Migrations() = 0;
  virtual DatabaseKind kind() const = 0;
  // The connections and clock this store runs on, for the stores of later rooms that keep their
  // tables in the same database (cases, promises and plans, statements): built over these, they
  // share the SQLite writer and the history chain, so their transactions are as safe as ours.
  virtual std::shared_ptr<Connections> SharedConnections() const = 0;
  virtual const Clock& clock() const = 0;
};

}  // namespace duly::daemon
