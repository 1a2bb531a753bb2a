// duly::daemon::PlanJob: one round over what is due in promises to pay and payment plans.
//
// Promise: RunDue(now) asks the PromiseStore to settle every open promise (kept when covered,
// broken after its date + grace: event, call task) and then the PaymentPlanStore to evaluate every
// active plan (installments paid, reminded, missed; plans broken or completed), and reports what
// changed. Both are idempotent: a round run twice at the same moment writes and sends nothing the
// second time, and payments posted since the last round are seen at the next one. The first
// failing store's error is returned (the promises' round may have committed already; the next
// round resumes). Blocking: run it on the thread pool. Thread-safety: RunDue may be called from
// one thread at a time (the stores are safe; overlapping rounds would only race for the same
// rows, which the stores' transactions serialise); the stores must outlive the job.
#pragma once

#include <cstdint>

#include "workflows/plans/payment_plan_store.h"
#include "workflows/plans/promise_store.h"

namespace duly::daemon {

struct PlanJobReport {
  PromiseRound promises;
  PlanRound plans;
  std::int64_t Changes() const {
    return promises.kept + promises.broken + plans.paid + plans.reminded + plans.missed +
           plans.broken + plans.completed;
  }
};

class PlanJob {
 public:
  PlanJob(PromiseStore& promises, PaymentPlanStore& plans) : promises_(promises), plans_(plans) {}

  Result<PlanJobReport> RunDue(Instant now);

 private:
  PromiseStore& promises_;
  PaymentPlanStore& plans_;
};

}  // namespace duly::daemon
