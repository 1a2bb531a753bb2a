#include "workflows/segment.h"

#include <algorithm>
#include <utility>

namespace duly {

SegmentRules::SegmentRules(std::vector<SegmentRule> rules, std::int64_t version)
    : rules_(std::move(rules)), version_(version) {
  std::stable_sort(rules_.begin(), rules_.end(), [](const SegmentRule& a, const SegmentRule& b) {
    return a.priority < b.priority;
  });
}

const SegmentRule* SegmentRules::Assign(const Facts& facts) const {
  for (const SegmentRule& rule : rules_) {
    if (rule.when.Evaluate(facts)) return &rule;
  }
  return nullptr;
}

const SegmentRule* SegmentRules::Find(std::string_view segment_id) const {
  for (const SegmentRule& rule : rules_) {
    if (rule.id == segment_id) return &rule;
  }
  return nullptr;
}

}  // namespace duly
