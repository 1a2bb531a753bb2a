// duly::ChooseCaseAssignee: who gets a new complaint case.
//
// Promise: a sales case goes to the customer's account manager when it names an active
// colleague; otherwise (and for every other department) to the active member of the department
// with the fewest open cases, ties by the smaller colleague id. Members of the collection
// department (kCollectionDepartment, category "other") are the active colleagues with role
// "collector". kPolicy naming the department when nobody can take it. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "workflows/colleague.h"
#include "workflows/status.h"

namespace duly {

// `open_cases`: colleague id -> cases open or escalated assigned to them (absent = 0).
Result<std::string> ChooseCaseAssignee(const std::string& department,
                                       const std::string& account_manager,
                                       const std::vector<Colleague>& colleagues,
                                       const std::map<std::string, std::int64_t>& open_cases);

// The colleague `levels` managers above `assignee` (1 = its manager); "" when the chain ends
// first or meets an inactive or unknown colleague.
std::string ManagerAbove(const std::string& assignee, std::int64_t levels,
                         const std::vector<Colleague>& colleagues);

}  // namespace duly
