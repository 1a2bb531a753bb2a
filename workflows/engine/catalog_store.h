// duly::CatalogStore: where workflow versions and segment rules are kept.
//
// Promise: saving never changes a stored version; it adds version n+1 (1 for a new id) and an
// event ("workflow.saved" / "segments.saved") in the same transaction. A save whose definition
// equals the latest version's (after "version" is set) is a no-op that returns the latest
// version. CatalogRevision() grows with every save, so a cached Catalog can tell it is stale.
// Callers validate documents (workflow_parser.h) before saving; the store only checks ids.
// Errors: kNotFound for an unknown workflow id or version, kUnavailable, kInternal.
// Thread-safety: safe to call from many threads at once.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "workflows/engine/catalog.h"
#include "workflows/status.h"
#include "workflows/store.h"

namespace duly {

class CatalogStore {
 public:
  virtual ~CatalogStore() = default;

  // `definition` is the validated JSON document; `workflow` is what it parses to.
  virtual Result<WorkflowVersion> SaveWorkflow(const Workflow& workflow,
                                               const std::string& definition,
                                               const Actor& actor) = 0;
  // The latest version of every workflow, by id.
  virtual Result<std::vector<WorkflowVersion>> LatestWorkflows() = 0;
  // Every version of workflow `id`, oldest first. kNotFound when there is none.
  virtual Result<std::vector<WorkflowVersion>> WorkflowVersions(const std::string& id) = 0;
  // One version; `version` 0 means the latest.
  virtual Result<WorkflowVersion> GetWorkflowVersion(const std::string& id,
                                                     std::int64_t version) = 0;

  virtual Result<SegmentsVersion> SaveSegments(const std::string& definition,
                                               const Actor& actor) = 0;
  // The latest segments; version 0 with definition {"segments":[]} when none was saved.
  virtual Result<SegmentsVersion> LatestSegments() = 0;

  virtual Result<std::int64_t> CatalogRevision() = 0;
};

}  // namespace duly
