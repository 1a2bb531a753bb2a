// duly::DecisionContext: what every part of DecideTimer reads while deciding one timer.
//
// Promise: plain references to the caller's inputs plus what is derived from them once (the
// customer's place and the facts). It lives for one DecideTimer call and is never stored.
// Thread-compatible.
#pragma once

#include "workflows/customer.h"
#include "workflows/engine/catalog.h"
#include "workflows/engine/customer_place.h"
#include "workflows/engine/engine_options.h"
#include "workflows/engine/timer_input.h"
#include "workflows/facts.h"

namespace duly {

struct DecisionContext {
  const TimerInput& input;
  const TimerBatch& batch;
  const Catalog& catalog;
  const EngineOptions& options;
  const Customer& customer;  // the input's customer, or an empty one when it is gone
  CustomerPlace place;
  Facts facts;  // CollectionFacts of the input at batch.now
};

}  // namespace duly
