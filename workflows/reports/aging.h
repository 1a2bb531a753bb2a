// duly::AgingBucket, AgingBuckets, CustomerAging: the aged trial balance (RULES.md 6.5).
//
// Promise: the basis is the due date. Days past due on a day `as_of` = as_of - due (calendar
// days); 0 or less is "not due" (an invoice due today is not yet late); then 1-30, 31-60, 61-90
// and over 90, each upper bound inclusive. AgingCutoffs gives the earliest due date of each
// bucket, so a store can bucket with plain date comparisons (due >= cutoff). Amounts are the
// receivables open at the end of `as_of`. Pure values and functions; thread-safe.
#pragma once

#include <array>
#include <string>

#include "workflows/calendar_date.h"
#include "workflows/money.h"

namespace duly {

enum class AgingBucket { kNotDue = 0, kDays1To30, kDays31To60, kDays61To90, kOver90 };
inline constexpr int kAgingBucketCount = 5;

// "not_due", "1_30", "31_60", "61_90", "over_90".
const char* AgingBucketName(AgingBucket bucket);
// The bucket of an invoice due on `due`, looked at on `as_of`.
AgingBucket BucketOf(CalendarDate due, CalendarDate as_of);

// Earliest due date of each bucket as of a day: due >= not_due is not due, due >= days_1_30 is
// 1-30 days late, and so on; anything due before days_61_90 is over 90 days late.
struct AgingCutoffs {
  CalendarDate not_due;     // as_of
  CalendarDate days_1_30;   // as_of - 30
  CalendarDate days_31_60;  // as_of - 60
  CalendarDate days_61_90;  // as_of - 90
};
AgingCutoffs CutoffsAsOf(CalendarDate as_of);

struct AgingBuckets {
  std::array<Money, kAgingBucketCount> amounts{};

  Money& operator[](AgingBucket bucket) { return amounts[static_cast<std::size_t>(bucket)]; }
  Money operator[](AgingBucket bucket) const { return amounts[static_cast<std::size_t>(bucket)]; }
  Money Total() const;
  // Everything past due (all buckets but not due).
  Money Overdue() const;
  AgingBuckets& operator+=(const AgingBuckets& other);
  friend bool operator==(const AgingBuckets&, const AgingBuckets&) = default;
};

struct CustomerAging {
  std::string customer;  // customer id
  std::string name;      // the customer's name
  AgingBuckets buckets;
  friend bool operator==(const CustomerAging&, const CustomerAging&) = default;
};

}  // namespace duly
