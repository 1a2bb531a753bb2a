// duly::CollectionFacts: the facts a segment rule or step condition sees for one invoice.
//
// Promise: CollectionFacts() starts from the aggregate facts the store computed (input.facts) and
// sets the facts read straight from the records: invoice.amount, invoice.open_amount,
// invoice.currency, invoice.days_overdue (the local day of `now` in `time_zone` minus the due
// date; negative before it), customer.kind, customer.tags, customer.language and
// customer.risk_rating (only when the customer has a rating). Facts of a missing record, and an
// unknown rating, stay missing. IsAggregateFact() tells which facts the store must compute (the
// others come from the records). Pure; safe from any thread.
#pragma once

#include <string_view>

#include "workflows/calendar_date.h"
#include "workflows/engine/timer_input.h"
#include "workflows/facts.h"

namespace duly {

// REQUIRES: IsKnownTimeZone(time_zone).
Facts CollectionFacts(const TimerInput& input, Instant now, std::string_view time_zone);

// True for the customer facts the store computes (customer.open_amount, .revenue_rank_12m,
// .avg_days_late, .promise_kept_ratio, .open_disputes); false for record facts and unknown names.
bool IsAggregateFact(std::string_view name);

}  // namespace duly
