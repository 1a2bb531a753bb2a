// duly::Promise: a customer's promise to pay an amount on one or more invoices by a date.
//
// Promise: plain data and pure functions. States: open --payments cover the amount--> kept;
// open --promised date + grace passed uncovered--> broken; open --cancel--> cancelled. What the
// invoices received since the promise is `open_at` (their open amount when it was recorded)
// minus their open amount now. EvaluatePromise(): kept as soon as that covers the amount (or the
// invoices are settled), broken when today is after promised_on + grace_days and it does not,
// else still open. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "workflows/calendar_date.h"
#include "workflows/money.h"
#include "workflows/status.h"

namespace duly {

enum class PromiseState { kOpen, kKept, kBroken, kCancelled };
// Where it was made: over the API, in the web UI, on a collector's call, in a customer's reply.
enum class PromiseSource { kApi, kUi, kCall, kReply };

const char* PromiseStateName(PromiseState state);
Result<PromiseState> ParsePromiseState(const std::string& text);
const char* PromiseSourceName(PromiseSource source);
Result<PromiseSource> ParsePromiseSource(const std::string& text);

struct NewPromise {
  std::string customer;
  std::vector<std::string> invoices;  // one or more of the customer's open invoices
  Money amount;                       // > 0 and at most their open amount
  CalendarDate promised_on;
  PromiseSource source = PromiseSource::kApi;
  std::string note;
};

struct Promise {
  std::int64_t id = 0;
  std::string customer;
  std::vector<std::string> invoices;
  Money amount;
  CalendarDate promised_on;
  PromiseSource source = PromiseSource::kApi;
  std::string note;
  PromiseState state = PromiseState::kOpen;
  Money open_at;  // the invoices' open amount when it was recorded
  std::string recorded_by;
  Instant created_at{};
  std::optional<Instant> closed_at;  // kept, broken or cancelled
};

// Checks the fields of a new promise that need no store: customer, invoices (non-empty, no
// duplicates), amount > 0. FieldErrors by JSON pointer.
std::vector<FieldError> CheckNewPromise(const NewPromise& promise);

// REQUIRES: state is open. `open_now` is the invoices' open amount now.
PromiseState EvaluatePromise(const Promise& promise, Money open_now, CalendarDate today,
                             int grace_days);

}  // namespace duly
