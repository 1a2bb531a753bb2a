// duly::daemon::ColleagueTable: colleagues in SQL: batch upsert with validation, get and list.
//
// Promise: Upsert validates every colleague (Validate() plus: ids unique in the batch, a manager
// exists in the batch or the store, and following managers from any colleague never loops) and
// on any error writes nothing and returns kInvalidArgument with fields "/<index>/<field>". An
// item equal to the stored one (by content hash) is unchanged and records no event; others get
// a colleague.created or colleague.updated event. Runs inside the caller's write transaction and
// throws soci_error. Thread-safety: one instance per transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "daemon/store/history_chain.h"
#include "workflows/colleague.h"
#include "workflows/store.h"

namespace duly::daemon {

class ColleagueTable {
 public:
  ColleagueTable(soci::session& session, DatabaseKind kind) : session_(session), kind_(kind) {}

  Result<UpsertSummary> Upsert(const std::vector<Colleague>& colleagues, HistoryChain& chain);
  std::optional<Colleague> Find(const std::string& id);
  // Every active colleague, in id order.
  std::vector<Colleague> ListActive();
  Page<Colleague> List(const std::string& after, int limit);

 private:
  soci::session& session_;
  DatabaseKind kind_;
};

}  // namespace duly::daemon
