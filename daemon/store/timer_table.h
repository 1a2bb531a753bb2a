// duly::daemon::TimerTable: the engine's timers, instances and step runs in SQL.
//
// Promise: Due() reads timers due at or before `now` oldest first (due_at, id), matching the
// index timers_due; with `take` on PostgreSQL the rows are locked FOR UPDATE SKIP LOCKED until
// the transaction ends. Batch writes (Delete, Replace, InsertStarts, UpsertInstances,
// InsertRuns) are one statement each on PostgreSQL, whatever the batch size (json_rows.h); on
// SQLite (in-process, no round trips) Delete, Replace, UpsertInstances and InsertRuns run one
// statement prepared once per call for each row, which costs less than JSON. Replace keeps at
// most one timer per invoice (UPSERT on the invoice); InsertStarts never replaces one. Runs inside
// the caller's transaction (or a read lease) and throws soci_error.
// Thread-safety: one instance per transaction.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "daemon/store/database_url.h"
#include "workflows/engine/instance.h"
#include "workflows/engine/timer.h"
#include "workflows/engine/timer_outcome.h"
#include "workflows/engine/timer_store.h"

namespace duly::daemon {

// The next timer of one invoice.
struct InvoiceTimer {
  std::string invoice;
  NextTimer next;
};

// A step run of one invoice, with its place among that invoice's runs of the firing.
struct InvoiceRun {
  std::string invoice;
  StepRun run;
  std::int64_t index = 0;
};

class TimerTable {
 public:
  TimerTable(soci::session& session, DatabaseKind kind) : session_(session), kind_(kind) {}

  std::vector<Timer> Due(Instant now, int limit, bool take);
  std::optional<Instant> NextDue();
  std::int64_t Count();
  std::optional<Timer> ForInvoice(const std::string& invoice);
  // With `lock` on PostgreSQL the row stays locked (FOR UPDATE) until the transaction ends.
  std::optional<Timer> ById(std::int64_t id, bool lock = false);
  // attempt + 1 and due_at = until; false when the timer is gone.
  bool Postpone(std::int64_t id, Instant until);

  void Delete(const std::vector<std::int64_t>& ids);
  void Replace(const std::vector<InvoiceTimer>& timers, Instant at);
  // A kStart timer due at `due` for each invoice that has no timer yet.
  void InsertStarts(const std::vector<std::string>& invoices, Instant due);

  std::map<std::string, Instance> Instances(const std::vector<std::string>& invoices);
  void UpsertInstances(const std::vector<Instance>& instances, Instant at);

  // The stored runs of `invoices`, keyed "invoice|workflow|version|step".
  std::vector<std::string> RunKeys(const std::vector<std::string>& invoices);
  void InsertRuns(const std::vector<InvoiceRun>& runs, Instant at);
  // Runs of one invoice, or of all when `invoice` is empty, in run order.
  std::vector<StoredStepRun> Runs(const std::string& invoice);

 private:
  soci::session& session_;
  DatabaseKind kind_;
};

std::string RunKey(const std::string& invoice, const StepRun& run);

}  // namespace duly::daemon
