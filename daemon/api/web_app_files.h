// duly::daemon::ServeWebAppFile: answers a GET for the built web UI (web/dist) from its folder.
//
// Promise: a path naming a regular file inside `web_dir` answers 200 with its bytes, a
// Content-Type from its extension, a strong ETag over its content, X-Content-Type-Options:
// nosniff, and Cache-Control "public, max-age=31536000, immutable" under /assets/ (the build's
// content-hashed files) and "no-cache" elsewhere; If-None-Match with that ETag answers 304 with
// no body. "/" and extension-less paths that name no file (the UI's own routes: /workflows/std)
// answer index.html. A path with a "." or ".." segment, a hidden segment (".git"), a backslash or
// a NUL, or one that resolves (through symlinks) outside `web_dir`, answers 404, as does a
// missing file with an extension (a missing asset is not the UI). Only reads files.
// Thread-safety: a pure function of the request and the folder; safe from many threads at once.
#pragma once

#include <string>

#include "daemon/http/http_types.h"

namespace duly::daemon {

HttpResponse ServeWebAppFile(const std::string& web_dir, const HttpRequest& request);

// The Content-Type served for a file name's extension ("app.js" -> "text/javascript;
// charset=utf-8"); application/octet-stream for unknown ones.
std::string WebContentType(const std::string& file_name);

}  // namespace duly::daemon
