// duly::daemon::SociPlanStore: the PaymentPlanStore (workflows/plans/payment_plan_store.h) over
// the SociStore's connections, sharing its SQLite writer and history chain.
//
// Promise: each method is one read or one transaction (store_transactions.h), with the contract
// of PaymentPlanStore: the policy is settings.policies for the customer's segment (that of the
// first collection instance), checked inside CreatePlan's transaction, so a rejected plan writes
// nothing; rows in plan_table.h, messages in plan_effects.h. EvaluatePlans() reads first and
// opens a write transaction only when some plan changes; its events are by actor "plans". Dates
// are local days of settings.time_zone. Thread-safety: safe to call concurrently; `clock` must
// outlive it.
#pragma once

#include <memory>

#include "daemon/store/store_transactions.h"
#include "workflows/plans/payment_plan_store.h"
#include "workflows/plans/plan_settings.h"

namespace duly::daemon {

class SociPlanStore final : public PaymentPlanStore, protected StoreTransactions {
 public:
  SociPlanStore(std::shared_ptr<Connections> connections, const Clock& clock, PlanSettings settings)
      : StoreTransactions(std::move(connections), clock), settings_(std::move(settings)) {}

  Result<PlanCheck> CheckPlan(const PlanDraft& draft) override;
  Result<PaymentPlan> CreatePlan(const PlanDraft& draft, bool ask_exception,
                                 const Actor& actor) override;
  Result<PaymentPlan> ApprovePlan(std::int64_t id, const std::string& manager,
                                  const Actor& actor) override;
  Result<PaymentPlan> CancelPlan(std::int64_t id, const Actor& actor) override;
  Result<PaymentPlan> GetPlan(std::int64_t id) override;
  Result<std::vector<PaymentPlan>> ListPlans(const std::string& customer, int limit) override;
  Result<PlanRound> EvaluatePlans(Instant now) override;
  Result<CreditStatus> CreditStatusOf(const std::string& customer, Instant now) override;

 private:
  const PlanSettings settings_;
};

}  // namespace duly::daemon
