#include "daemon/api/api_response.h"

namespace duly::daemon {

HttpResponse JsonBody(const nlohmann::json& body, int status) {
  Result<std::string> text = DumpJson(body);
  if (!text) return ErrorResponse(text.error());
  return JsonResponse(std::move(*text), status);
}

HttpResponse SummaryResponse(const Result<UpsertSummary>& summary, const std::string& pointer) {
  if (!summary) return ErrorResponse(PrefixFields(summary.error(), pointer));
  return JsonBody(ToJson(*summary));
}

}  // namespace duly::daemon
