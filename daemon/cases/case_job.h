// duly::daemon::CaseJob: one round of the complaint cases' due work: reminders to assignees and
// escalations to their managers, as the CaseStore queues them (colleague outbox rows the
// dispatcher delivers).
//
// Promise: RunDue(now) blocks until every reminder and every escalation due at `now` is queued,
// in batches of `batch` cases per transaction, and returns how many of each; a case is reminded
// once and escalated once per level (the store marks it in the same transaction), so a round
// run twice, or on two nodes at once, sends nothing twice. The first store error ends the round
// and is returned (what earlier batches queued stays). Thread-safety: RunDue may be called from
// one thread at a time per instance; the CaseStore must outlive the job.
#pragma once

#include <cstdint>

#include "workflows/cases/case_store.h"

namespace duly::daemon {

struct CaseRound {
  std::int64_t reminders = 0;
  std::int64_t escalations = 0;
  friend bool operator==(const CaseRound&, const CaseRound&) = default;
};

class CaseJob {
 public:
  // REQUIRES: batch >= 1.
  explicit CaseJob(CaseStore& cases, int batch = 100);

  Result<CaseRound> RunDue(Instant now);

 private:
  CaseStore& cases_;
  const int batch_;
};

}  // namespace duly::daemon
