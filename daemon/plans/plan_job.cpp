#include "daemon/plans/plan_job.h"

namespace duly::daemon {

Result<PlanJobReport> PlanJob::RunDue(Instant now) {
  PlanJobReport report;
  auto promises = promises_.EvaluatePromises(now);
  if (!promises) return std::move(promises).error().WithContext("promises to pay");
  report.promises = *promises;
  auto plans = plans_.EvaluatePlans(now);
  if (!plans) return std::move(plans).error().WithContext("payment plans");
  report.plans = *plans;
  return report;
}

}  // namespace duly::daemon
