// Writing API responses: records, pages and upsert summaries as JSON, errors through
// ErrorResponse().
//
// Promise: a page answers {"items": [...], "next_after": "..."} ("" on the last page); a batch
// write answers the UpsertSummary; a failed Result answers its error, with batch-relative field
// pointers re-rooted under the body's array. A value that cannot be serialised (invalid UTF-8 that
// bypassed validation) answers 500 rather than throwing. Pure functions; thread-safe.
#pragma once

#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "daemon/api/api_request.h"
#include "daemon/http/error_response.h"
#include "daemon/http/http_types.h"
#include "workflows/record_json.h"
#include "workflows/status.h"
#include "workflows/store.h"

namespace duly::daemon {

HttpResponse JsonBody(const nlohmann::json& body, int status = 200);

template <typename T>
HttpResponse RecordResponse(const Result<T>& record) {
  if (!record) return ErrorResponse(record.error());
  return JsonBody(ToJson(*record));
}

template <typename T>
HttpResponse PageResponse(const Result<Page<T>>& page) {
  if (!page) return ErrorResponse(page.error());
  nlohmann::json items = nlohmann::json::array();
  for (const T& item : page->items) items.push_back(ToJson(item));
  return JsonBody({{"items", std::move(items)}, {"next_after", page->next_after}});
}

// `pointer` is the body's array ("/invoices").
HttpResponse SummaryResponse(const Result<UpsertSummary>& summary, const std::string& pointer);

}  // namespace duly::daemon
