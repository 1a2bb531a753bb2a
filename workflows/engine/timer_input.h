// duly::TimerInput: everything the engine needs to decide one due timer, read by the store inside
// the transaction that will write the decision (so the invoice is never stale).
//
// Promise: plain data. `invoice`/`customer` are empty when the row no longer exists. `hold` says
// what pauses collection right now. `facts` holds only the aggregate customer facts the store
// computes (customer.open_amount, customer.revenue_rank_12m, customer.avg_days_late,
// customer.promise_kept_ratio, customer.open_disputes), and only those in FactRequest; facts read
// straight from the invoice and customer records (including customer.risk_rating, from
// Customer::risk_rating) are set by the engine.
// Thread-compatible.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "workflows/calendar_date.h"
#include "workflows/colleague.h"
#include "workflows/customer.h"
#include "workflows/engine/instance.h"
#include "workflows/engine/timer.h"
#include "workflows/facts.h"
#include "workflows/invoice.h"

namespace duly {

// What currently pauses collection of one invoice. Filled from cases, promises and payment plans
// (an empty hold when those tables have nothing open for the invoice).
struct CollectionHold {
  bool disputed = false;  // an open or escalated complaint case names the invoice
  std::optional<CalendarDate> promised_until;  // an open promise to pay: the promised date
  bool in_plan = false;                        // an active payment plan covers the invoice
  bool Any() const { return disputed || promised_until.has_value() || in_plan; }
  friend bool operator==(const CollectionHold&, const CollectionHold&) = default;
};

// The aggregate facts the store must compute for this batch (names from kFactDefinitions).
struct FactRequest {
  std::set<std::string, std::less<>> names;
};

struct TimerInput {
  Timer timer;
  std::optional<Invoice> invoice;    // re-read in the firing transaction; nullopt: deleted
  std::optional<Customer> customer;  // nullopt only when the invoice is gone
  std::optional<Instance> instance;  // nullopt before the kStart timer created it
  CollectionHold hold;
  Facts facts;                      // aggregate customer facts (see above)
  std::set<std::string> opted_out;  // channels the customer opted out of ("sms", ...)
};

// Shared by every timer of one batch.
struct TimerBatch {
  Instant now{};
  std::vector<Colleague> colleagues;  // every active colleague
};

}  // namespace duly
