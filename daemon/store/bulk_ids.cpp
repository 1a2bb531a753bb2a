#include "daemon/store/bulk_ids.h"

#include <nlohmann/json.hpp>

namespace duly::daemon {

std::string IdsJson(const std::vector<std::string>& ids) {
  return nlohmann::json(ids).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace duly::daemon
