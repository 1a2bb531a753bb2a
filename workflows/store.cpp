#include "workflows/store.h"

namespace duly {

const char* RoleName(Role role) {
  switch (role) {
    case Role::kAdmin:
      return "admin";
    case Role::kManager:
      return "manager";
    case Role::kCollector:
      return "collector";
    case Role::kColleague:
      return "colleague";
    case Role::kIntegration:
      return "integration";
  }
  return "integration";
}

std::optional<Role> ParseRole(std::string_view text) {
  for (auto role :
       {Role::kAdmin, Role::kManager, Role::kCollector, Role::kColleague, Role::kIntegration}) {
    if (text == RoleName(role)) return role;
  }
  return std::nullopt;
}

}  // namespace duly
