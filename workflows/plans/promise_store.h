// duly::PromiseStore: promises to pay as the API, the call-task outcome and the plan job use them.
//
// Promise: each method is one transaction. RecordPromise() checks the promise (CheckNewPromise;
// the customer exists, else kNotFound; each invoice is the customer's and open, else
// kInvalidArgument "/invoices/N"; the amount is at most their open amount, else "/amount"),
// stores it open with their open amount, and appends "promise.recorded"; from then on the engine
// pauses those invoices until promised_on + grace (daemon/store/collection_holds.cpp).
// CancelPromise() cancels an open promise ("promise.cancelled"; kNotFound, kConflict when not
// open). EvaluatePromises() looks at every open promise: covered -> kept ("promise.kept"),
// uncovered after promised_on + grace -> broken ("promise.broken", and a call task for the
// customer's collector), so the engine's recheck resumes the workflow; running it twice changes
// nothing the second time. Thread-safety: implementations are safe to call concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "workflows/plans/promise.h"
#include "workflows/status.h"
#include "workflows/store.h"

namespace duly {

struct PromiseFilter {
  std::string customer;               // "" for every customer
  std::optional<PromiseState> state;  // nullopt for every state
  int limit = 100;                    // 1..1000, newest first
};

struct PromiseRound {
  std::int64_t kept = 0;
  std::int64_t broken = 0;
};

class PromiseStore {
 public:
  virtual ~PromiseStore() = default;

  virtual Result<Promise> RecordPromise(const NewPromise& promise, const Actor& actor) = 0;
  virtual Result<Promise> GetPromise(std::int64_t id) = 0;
  // kInvalidArgument "/limit" outside 1..1000.
  virtual Result<std::vector<Promise>> ListPromises(const PromiseFilter& filter) = 0;
  virtual Result<Promise> CancelPromise(std::int64_t id, const Actor& actor) = 0;
  virtual Result<PromiseRound> EvaluatePromises(Instant now) = 0;
};

}  // namespace duly
