#include "workflows/step_offset.h"

namespace duly {

namespace {

constexpr const char* kShape = "must look like \"due-5d\", \"due+3d\" or \"due+4h\"";

}  // namespace

Result<StepOffset> StepOffset::Parse(std::string_view text) {
  const std::string quoted = "\"" + std::string(text) + "\"";
  if (text.size() < 6 || text.size() > 11 || text.substr(0, 3) != "due") {
    return InvalidArgument(quoted + " " + kShape);
  }
  const char sign = text[3];
  const char unit = text.back();
  const std::string_view digits = text.substr(4, text.size() - 5);
  if ((sign != '+' && sign != '-') || (unit != 'd' && unit != 'h') || digits.empty()) {
    return InvalidArgument(quoted + " " + kShape);
  }
  std::int64_t amount = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return InvalidArgument(quoted + " " + kShape);
    amount = amount * 10 + (c - '0');
  }
  const bool days = unit == 'd';
  if (amount > (days ? kMaxDays : kMaxHours)) {
    return InvalidArgument(quoted + " is too far from the due date: at most " +
                           std::to_string(days ? kMaxDays : kMaxHours) +
                           (days ? " days" : " hours"));
  }
  if (sign == '-') amount = -amount;
  return StepOffset(amount, days ? Unit::kDays : Unit::kHours);
}

StepOffset StepOffset::Days(std::int64_t days) {
  DULY_CHECK(days >= -kMaxDays && days <= kMaxDays);
  return StepOffset(days, Unit::kDays);
}

StepOffset StepOffset::Hours(std::int64_t hours) {
  DULY_CHECK(hours >= -kMaxHours && hours <= kMaxHours);
  return StepOffset(hours, Unit::kHours);
}

std::string StepOffset::ToString() const {
  const std::int64_t magnitude = amount_ < 0 ? -amount_ : amount_;
  return std::string("due") + (amount_ < 0 ? "-" : "+") + std::to_string(magnitude) +
         (unit_ == Unit::kDays ? "d" : "h");
}

}  // namespace duly
