// duly::Catalog: the workflows and segment rules in force, as the engine reads them.
//
// Promise: WorkflowVersion and SegmentsVersion are stored documents, immutable once saved (a save
// makes a new version). BuildCatalog parses the latest version of each workflow and the latest
// segments and checks they fit (CheckCoverage); a segment no workflow serves is reported in
// `unserved` (its invoices wait, see engine.h) rather than refused, so one bad save never stops
// collection of the other segments. `facts` lists the aggregate facts the segment rules and step
// conditions read (for FactRequest). A built Catalog is immutable; share it as
// shared_ptr<const Catalog> across threads.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "workflows/calendar_date.h"
#include "workflows/engine/timer_input.h"
#include "workflows/segment.h"
#include "workflows/status.h"
#include "workflows/workflow.h"

namespace duly {

struct WorkflowVersion {
  std::string id;            // workflow id ("b2b-standard")
  std::int64_t version = 0;  // 1, 2, ...
  std::string segment;
  std::string definition;  // the JSON document as saved (with "version" set to `version`)
  Instant created_at{};
  std::string actor;  // who saved it
};

struct SegmentsVersion {
  std::int64_t version = 0;  // 0 when none was ever saved
  std::string definition;    // the JSON document { "segments": [...] }
  Instant created_at{};
  std::string actor;
};

struct Catalog {
  std::int64_t revision = 0;  // CatalogStore::CatalogRevision() it was built from
  SegmentRules segments;
  std::map<std::string, Workflow, std::less<>> workflows;  // latest version, by workflow id
  std::map<std::string, std::string, std::less<>> workflow_of_segment;  // segment -> workflow id
  std::vector<std::string> unserved;  // segment ids without a workflow
  FactRequest facts;                  // aggregate facts to compute
  bool needs_colleagues = false;      // some step notifies colleagues

  // The workflow serving `segment`, or nullptr.
  const Workflow* ForSegment(std::string_view segment) const;
  // The latest version of workflow `id`, or nullptr.
  const Workflow* Find(std::string_view id) const;
};

// Parses and assembles a catalog. Errors: kInternal naming the workflow and version when a stored
// document no longer parses (documents are validated before they are saved).
Result<std::shared_ptr<const Catalog>> BuildCatalog(std::int64_t revision,
                                                    const SegmentsVersion& segments,
                                                    const std::vector<WorkflowVersion>& latest);

}  // namespace duly
