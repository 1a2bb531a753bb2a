#include "daemon/http/http_types.h"

#include <string>
#include <utility>

namespace duly::daemon {

const std::string& HttpRequest::Header(const std::string& name) const {
  static const std::string kAbsent;
  const auto it = headers.find(name);
  return it == headers.end() ? kAbsent : it->second;
}

HttpResponse JsonResponse(std::string body, int status) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

}  // namespace duly::daemon
