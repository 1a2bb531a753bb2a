// The one place where a duly::Error becomes an HTTP response.
//
// Promise: the status follows the ErrorCode (400, 401, 403, 404, 409, 413, 422, 503, 500); the
// body is {"error": {"code": "...", "message": "...", "fields": [{"field": "/x", "message":
// "..."}]}}. For kInternal the message sent is generic and the real one is logged instead.
// Pure function; thread-safe.
#pragma once

#include "daemon/http/http_types.h"
#include "workflows/status.h"

namespace duly::daemon {

int HttpStatusFor(ErrorCode code);
HttpResponse ErrorResponse(const Error& error);

}  // namespace duly::daemon
