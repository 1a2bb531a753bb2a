// duly::StepOffset: when a workflow step runs, relative to the invoice's due date ("due-5d",
// "due+3d", "due+4h").
//
// Promise: Parse() accepts exactly "due", a sign, 1 to 6 digits and a unit ('d' days, 'h' hours)
// with at most 3650 days or 87600 hours either way, and ToString() gives the same text back
// ("due+0d" for zero). Days are calendar days (the engine adds them to the local due date, so a
// day is not always 24 hours across a DST change); TotalHours() is only for ordering steps. Values
// are plain data.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "workflows/status.h"

namespace duly {

class StepOffset {
 public:
  enum class Unit { kDays, kHours };

  static constexpr std::int64_t kMaxDays = 3650;
  static constexpr std::int64_t kMaxHours = 87600;

  // Parses "due-5d", "due+3d", "due+4h". Errors (kInvalidArgument, no field; the caller adds it):
  // any other shape, or more than kMaxDays / kMaxHours.
  static Result<StepOffset> Parse(std::string_view text);

  // REQUIRES: |days| <= kMaxDays, |hours| <= kMaxHours.
  static StepOffset Days(std::int64_t days);
  static StepOffset Hours(std::int64_t hours);

  std::int64_t amount() const { return amount_; }  // signed: -5 for "due-5d"
  Unit unit() const { return unit_; }

  // The offset in hours counting a day as 24 hours: the order in which steps run.
  std::int64_t TotalHours() const { return unit_ == Unit::kDays ? amount_ * 24 : amount_; }

  std::string ToString() const;

  friend bool operator==(const StepOffset&, const StepOffset&) = default;

 private:
  StepOffset(std::int64_t amount, Unit unit) : amount_(amount), unit_(unit) {}
  std::int64_t amount_ = 0;
  Unit unit_ = Unit::kDays;
};

}  // namespace duly
