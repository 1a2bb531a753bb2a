// duly::daemon::CatalogTable: workflow versions and segment rules documents in SQL.
//
// Promise: SaveWorkflow stores version latest + 1 of the workflow (1 for a new id) with
// "version" set in the stored document (keys keep their order), bumps the catalog revision and
// appends "workflow.saved"; a definition equal to the latest (after "version" is set) is a no-op
// returning the latest. SaveSegments likewise ("segments.saved"). The revision is the one row of
// catalog_revision. Runs inside the caller's transaction (or a read lease); throws soci_error.
// Thread-safety: one instance per transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "daemon/store/database_url.h"
#include "daemon/store/history_chain.h"
#include "workflows/engine/catalog.h"

namespace duly::daemon {

class CatalogTable {
 public:
  explicit CatalogTable(soci::session& session) : session_(session) {}

  Result<WorkflowVersion> SaveWorkflow(const Workflow& workflow, const std::string& definition,
                                       HistoryChain& chain);
  std::vector<WorkflowVersion> Latest();
  std::vector<WorkflowVersion> Versions(const std::string& id);
  // `version` 0: the latest.
  std::optional<WorkflowVersion> Find(const std::string& id, std::int64_t version);

  Result<SegmentsVersion> SaveSegments(const std::string& definition, HistoryChain& chain);
  SegmentsVersion LatestSegments();

  std::int64_t Revision();

 private:
  soci::session& session_;
};

}  // namespace duly::daemon
