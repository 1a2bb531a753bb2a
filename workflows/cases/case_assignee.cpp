#include "workflows/cases/case_assignee.h"

#include "workflows/cases/case_policy.h"

namespace duly {
namespace {

const Colleague* Find(const std::vector<Colleague>& colleagues, const std::string& id) {
  for (const Colleague& colleague : colleagues) {
    if (colleague.id == id) return &colleague;
  }
  return nullptr;
}

}  // namespace

Result<std::string> ChooseCaseAssignee(const std::string& department,
                                       const std::string& account_manager,
                                       const std::vector<Colleague>& colleagues,
                                       const std::map<std::string, std::int64_t>& open_cases) {
  if (department == kSalesDepartment && !account_manager.empty()) {
    const Colleague* manager = Find(colleagues, account_manager);
    if (manager != nullptr && manager->active) return manager->id;
  }
  const bool collection = department == kCollectionDepartment;
  const Colleague* best = nullptr;
  std::int64_t best_count = 0;
  for (const Colleague& colleague : colleagues) {
    if (!colleague.active) continue;
    if (collection ? colleague.role != "collector" : colleague.department != department) continue;
    auto found = open_cases.find(colleague.id);
    const std::int64_t count = found == open_cases.end() ? 0 : found->second;
    if (best == nullptr || count < best_count || (count == best_count && colleague.id < best->id)) {
      best = &colleague;
      best_count = count;
    }
  }
  if (best == nullptr) {
    return PolicyError(collection ? "no active collector can take the case"
                                  : "no active colleague in department " + department +
                                        " can take the case");
  }
  return best->id;
}

std::string ManagerAbove(const std::string& assignee, std::int64_t levels,
                         const std::vector<Colleague>& colleagues) {
  std::string current = assignee;
  for (std::int64_t level = 0; level < levels; ++level) {
    const Colleague* colleague = Find(colleagues, current);
    if (colleague == nullptr || colleague->manager.empty()) return "";
    current = colleague->manager;
  }
  const Colleague* found = Find(colleagues, current);
  return found != nullptr && found->active ? current : "";
}

}  // namespace duly
