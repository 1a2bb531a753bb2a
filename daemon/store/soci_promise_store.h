// duly::daemon::SociPromiseStore: the PromiseStore (workflows/plans/promise_store.h) over the
// SociStore's connections, sharing its SQLite writer and history chain.
//
// Promise: each method is one read or one transaction (store_transactions.h), with the contract
// of PromiseStore; rows in promise_table.h, the broken promise's call task in plan_effects.h.
// EvaluatePromises() reads first and opens a write transaction only when some promise changes;
// its events are by actor "plans". Dates are local days of settings.time_zone.
// Thread-safety: safe to call concurrently; `clock` must outlive it.
#pragma once

#include <memory>

#include "daemon/store/store_transactions.h"
#include "workflows/plans/plan_settings.h"
#include "workflows/plans/promise_store.h"

namespace duly::daemon {

class SociPromiseStore final : public PromiseStore, protected StoreTransactions {
 public:
  SociPromiseStore(std::shared_ptr<Connections> connections, const Clock& clock,
                   PlanSettings settings)
      : StoreTransactions(std::move(connections), clock), settings_(std::move(settings)) {}

  Result<Promise> RecordPromise(const NewPromise& promise, const Actor& actor) override;
  Result<Promise> GetPromise(std::int64_t id) override;
  Result<std::vector<Promise>> ListPromises(const PromiseFilter& filter) override;
  Result<Promise> CancelPromise(std::int64_t id, const Actor& actor) override;
  Result<PromiseRound> EvaluatePromises(Instant now) override;

 private:
  const PlanSettings settings_;
};

}  // namespace duly::daemon
