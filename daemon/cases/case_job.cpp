#include "daemon/cases/case_job.h"

namespace duly::daemon {

CaseJob::CaseJob(CaseStore& cases, int batch) : cases_(cases), batch_(batch) {
  DULY_CHECK(batch >= 1);
}

Result<CaseRound> CaseJob::RunDue(Instant now) {
  CaseRound round;
  for (;;) {
    Result<std::int64_t> reminded = cases_.RemindDue(now, batch_);
    if (!reminded) return reminded.error();
    round.reminders += *reminded;
    if (*reminded < batch_) break;
  }
  for (;;) {
    Result<std::int64_t> escalated = cases_.EscalateDue(now, batch_);
    if (!escalated) return escalated.error();
    round.escalations += *escalated;
    if (*escalated < batch_) break;
  }
  return round;
}

}  // namespace duly::daemon
