#include "workflows/reports/aging.h"

namespace duly {

const char* AgingBucketName(AgingBucket bucket) {
  switch (bucket) {
    case AgingBucket::kNotDue:
      return "not_due";
    case AgingBucket::kDays1To30:
      return "1_30";
    case AgingBucket::kDays31To60:
      return "31_60";
    case AgingBucket::kDays61To90:
      return "61_90";
    case AgingBucket::kOver90:
      return "over_90";
  }
  return "over_90";
}

AgingBucket BucketOf(CalendarDate due, CalendarDate as_of) {
  const auto late = (as_of - due).count();
  if (late <= 0) return AgingBucket::kNotDue;
  if (late <= 30) return AgingBucket::kDays1To30;
  if (late <= 60) return AgingBucket::kDays31To60;
  if (late <= 90) return AgingBucket::kDays61To90;
  return AgingBucket::kOver90;
}

AgingCutoffs CutoffsAsOf(CalendarDate as_of) {
  return {as_of, as_of - date::days(30), as_of - date::days(60), as_of - date::days(90)};
}

Money AgingBuckets::Total() const {
  Money total;
  for (Money amount : amounts) total += amount;
  return total;
}

Money AgingBuckets::Overdue() const { return Total() - (*this)[AgingBucket::kNotDue]; }

AgingBuckets& AgingBuckets::operator+=(const AgingBuckets& other) {
  for (std::size_t i = 0; i < amounts.size(); ++i) amounts[i] += other.amounts[i];
  return *this;
}

}  // namespace duly
