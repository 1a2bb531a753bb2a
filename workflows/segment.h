// duly::SegmentRules: the rules that put each customer in exactly one segment, as parsed from
// schemas/segments.schema.json by workflow_parser.h.
//
// Promise: rules are kept sorted by priority (lowest number first); Assign() returns the first
// rule whose condition holds for the facts, so a customer is in at most one segment, and in
// exactly one when the last rule is a catch-all ({}). Priorities and ids are unique when built by
// ParseSegments(). Plain data; a const SegmentRules is safe to read from many threads at once.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "workflows/condition.h"
#include "workflows/facts.h"

namespace duly {

struct SegmentRule {
  std::string id;
  std::string name;
  std::string description;
  std::int64_t priority = 0;  // lower runs first
  Condition when;
  std::size_t file_index = 0;  // position in the file's "segments" array
};

class SegmentRules {
 public:
  SegmentRules() = default;
  // Sorts `rules` by priority (stable).
  explicit SegmentRules(std::vector<SegmentRule> rules, std::int64_t version = 0);

  // The first rule by priority whose condition holds for `facts`; nullptr when none does.
  const SegmentRule* Assign(const Facts& facts) const;

  // The rule with `segment_id`, or nullptr.
  const SegmentRule* Find(std::string_view segment_id) const;

  const std::vector<SegmentRule>& rules() const { return rules_; }
  std::int64_t version() const { return version_; }

 private:
  std::vector<SegmentRule> rules_;  // sorted by priority
  std::int64_t version_ = 0;        // 0 when the document has none
};

}  // namespace duly
